/**
 * The Toloka recipient filter language: schema and metadata, evaluation, plain-language description, and the
 * name tables a filter builder needs. Client-safe: zod and plain TypeScript only, no server imports.
 */
export * from "./schema";
export * from "./evaluate";
export * from "./describe";
export { markedParts, stripMarks } from "./marks";
export * from "./catalog";
export * from "./regions";
export * from "./toloker";
