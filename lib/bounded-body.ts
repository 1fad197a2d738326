/**
 * A request body as text, never more than `limit` bytes of it in memory: refused by its Content-Length before a
 * byte is read, or as soon as a body without one (chunked) runs past the limit. `tooLarge` makes the error to
 * throw, with the declared size when there was one. Shared by the app's routes and the emulator's mount.
 */
export async function readBoundedText(req: Request, limit: number, tooLarge: (declaredBytes?: number) => Error): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await req.body?.cancel().catch(() => undefined);
    throw tooLarge(Number(declared));
  }
  if (!req.body) return "";
  const reader = req.body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}
