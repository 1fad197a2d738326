import { z } from "zod";

/**
 * What a filter is evaluated against: one Toloker as the emulator knows them.
 * Field names follow the filter language's keys (toloka-api.md §4), so a condition's
 * `key` reads straight off `profile`, `computed` or `skills`.
 * Missing (undefined) values mean "not known"; see evaluate.ts for how each operator treats them.
 */
export const tolokerSchema = z.object({
  id: z.string(),
  profile: z.object({
    gender: z.enum(["MALE", "FEMALE"]).optional(),
    country: z.string().length(2).optional(),
    citizenship: z.string().length(2).optional(),
    education: z.enum(["BASIC", "MIDDLE", "HIGH"]).optional(),
    adult_allowed: z.boolean().optional(),
    verified: z.boolean().optional(),
    /** UNIX seconds. */
    date_of_birth: z.number().int().optional(),
    /** Region id of the Toloker's city (legacy key). */
    city: z.number().int().optional(),
    /** ISO 639-1, uppercase. */
    languages: z.array(z.string()).default([]),
  }),
  computed: z.object({
    region_by_phone: z.number().int().optional(),
    region_by_ip: z.number().int().optional(),
    device_category: z.enum(["PERSONAL_COMPUTER", "SMARTPHONE", "TABLET", "WEARABLE_COMPUTER"]).optional(),
    client_type: z.enum(["BROWSER", "TOLOKA_APP"]).optional(),
    os_family: z.enum(["WINDOWS", "OS_X", "MAC_OS", "LINUX", "BSD", "ANDROID", "IOS", "BLACKBERRY"]).optional(),
    os_version: z.number().optional(),
    os_version_major: z.number().int().optional(),
    os_version_minor: z.number().int().optional(),
    os_version_bugfix: z.number().int().optional(),
    user_agent_type: z.enum(["BROWSER", "MOBILE_BROWSER", "OTHER"]).optional(),
    user_agent_family: z
      .enum(["IE", "CHROMIUM", "CHROME", "FIREFOX", "SAFARI", "YANDEX_BROWSER", "IE_MOBILE", "CHROME_MOBILE", "MOBILE_FIREFOX", "MOBILE_SAFARI"])
      .optional(),
    user_agent_version: z.number().optional(),
    user_agent_version_major: z.number().int().optional(),
    user_agent_version_minor: z.number().int().optional(),
    user_agent_version_bugfix: z.number().int().optional(),
  }),
  /** Skill id (as a string) to level 0-100. A skill the Toloker lacks is absent. */
  skills: z.record(z.string(), z.number()),
});
export type Toloker = z.infer<typeof tolokerSchema>;
