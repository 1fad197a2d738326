import { z } from "zod";

export const jobSchema = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(["queued", "running", "done", "failed", "cancelled"]),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  failures: z.array(z.object({ item: z.unknown(), error: z.string() })),
});
export type JobDto = z.infer<typeof jobSchema>;
