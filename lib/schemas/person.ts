import { z } from "zod";

/** A team member as others see them: who wrote a message we sent, who did something in the activity log. */
export const personSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type Person = z.infer<typeof personSchema>;
