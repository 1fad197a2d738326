import { ASSIGNMENT_STATUSES, type RestrictionDto } from "@/lib/schemas/tolokers";

const STATUS_LABELS: Record<(typeof ASSIGNMENT_STATUSES)[number], string> = {
  ACTIVE: "In progress",
  SUBMITTED: "Submitted",
  ACCEPTED: "Accepted",
  REJECTED: "Rejected",
  SKIPPED: "Skipped",
  EXPIRED: "Expired",
};

/** An assignment's status in words; one Toloka added that we do not know is shown as Toloka wrote it. */
export function assignmentStatusLabel(status: string): string {
  return (ASSIGNMENT_STATUSES as readonly string[]).includes(status) ? STATUS_LABELS[status as keyof typeof STATUS_LABELS] : status;
}

/** Where a restriction applies, in words. */
export function restrictionScopeText(r: Pick<RestrictionDto, "scope" | "projectId" | "poolId">): string {
  switch (r.scope) {
    case "ALL_PROJECTS":
      return "All your projects";
    case "PROJECT":
      return `Project ${r.projectId ?? "?"}`;
    case "POOL":
      return `Pool ${r.poolId ?? "?"}`;
    case "SYSTEM":
      return "Banned by Toloka (the platform)";
    default:
      return `Scope ${r.scope}`;
  }
}

/** "$1,234.56" from Toloka's dollars as a string. */
export function dollars(amount: string): string {
  const [whole, cents] = amount.split(".");
  return `$${Number(whole).toLocaleString("en-US")}${cents ? `.${cents}` : ""}`;
}

/** Toloka's enum words as a person writes them: PERSONAL_COMPUTER → "Personal computer"; WINDOWS → "Windows". */
export function enumWords(v: string): string {
  if (!/^[A-Z0-9_]+$/.test(v)) return v;
  const words = v.toLowerCase().split("_").filter(Boolean).join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
