/** Class names joined, leaving out the ones a condition turned off (`cn("a", busy && "b")`). */
export function cn(...parts: (string | false | null | undefined)[]): string {
  return parts.filter(Boolean).join(" ");
}
