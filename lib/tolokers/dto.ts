import "server-only";
import type { AssignmentDto, BonusDto, RestrictionDto, TolokerProfile, UserSkillDto } from "@/lib/schemas/tolokers";
import { formatMills } from "@/lib/toloka/tolokers-read";
import type { WireAssignment, WireBonus, WireRestriction, WireUserMetadata, WireUserSkill } from "@/lib/toloka/wire";

/** Toloka's zone-less UTC date as the app's ISO 8601 with Z. */
export function isoOf(tolokaDate: string | undefined): string | undefined {
  return tolokaDate ? `${tolokaDate}Z` : undefined;
}

/** A time as Toloka takes it in a query or a body: UTC, `YYYY-MM-DDThh:mm:ss`, no zone. */
export function toTolokaDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function profileDto(m: WireUserMetadata): TolokerProfile {
  const a = m.attributes;
  return defined({
    country: m.country,
    languages: m.languages,
    adultAllowed: m.adult_allowed,
    countryByPhone: a.country_by_phone,
    countryByIp: a.country_by_ip,
    clientType: a.client_type,
    deviceCategory: a.device_category,
    osFamily: a.os_family,
    osVersion: a.os_version,
    userAgentType: a.user_agent_type,
  });
}

export function userSkillDto(s: WireUserSkill, names: Map<string, string>): UserSkillDto {
  return defined({ id: s.id, skillId: s.skill_id, skillName: names.get(s.skill_id), value: s.value, modified: isoOf(s.modified ?? s.created) });
}

export function restrictionDto(r: WireRestriction): RestrictionDto {
  return defined({
    id: r.id,
    scope: r.scope,
    projectId: r.project_id,
    poolId: r.pool_id,
    until: isoOf(r.will_expire),
    comment: r.private_comment,
    created: isoOf(r.created),
  });
}

export function bonusDto(b: WireBonus): BonusDto {
  return defined({
    id: b.id,
    amount: formatMills(b.mills),
    title: b.public_title,
    message: b.public_message,
    assignmentId: b.assignment_id,
    comment: b.private_comment,
    created: isoOf(b.created),
  });
}

export function assignmentDto(a: WireAssignment): AssignmentDto {
  return defined({
    id: a.id,
    poolId: a.pool_id,
    tolokerId: a.user_id,
    status: a.status,
    reward: a.reward_mills === undefined ? undefined : formatMills(a.reward_mills),
    created: isoOf(a.created),
    submitted: isoOf(a.submitted),
    accepted: isoOf(a.accepted),
    rejected: isoOf(a.rejected),
    publicComment: a.public_comment,
    answers: a.answers?.slice(0, 50),
  });
}
