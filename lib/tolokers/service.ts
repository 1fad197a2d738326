import "server-only";
import crypto from "node:crypto";
import type { AppealRow, JobRecord, Store } from "@/lib/db";
import { AppError, invalid } from "@/lib/errors";
import type { JobRunner } from "@/lib/jobs/runner";
import { getLogger } from "@/lib/log";
import type { Mailbox } from "@/lib/mailbox/service";
import type { Person } from "@/lib/schemas/person";
import { pickLanguage } from "@/lib/schemas/threads";
import {
  APPEAL_DAYS,
  assignmentOfThread,
  type AppealDecisionBody,
  type AppealDto,
  type AssignmentDto,
  type BonusBody,
  type BonusDto,
  type PanelPart,
  type RequesterDto,
  type RestrictionBody,
  type RestrictionDto,
  type SkillBody,
  type SkillGrantBody,
  type ThreadAppeal,
  type TolokerPanel,
  type TolokerProfile,
  type UserSkillDto,
} from "@/lib/schemas/tolokers";
import type { TolokaClient } from "@/lib/toloka/client";
import { TolokaError } from "@/lib/toloka/errors";
import { formatMills, toMills } from "@/lib/toloka/tolokers-read";
import type { WireAssignment, WireBonusForm } from "@/lib/toloka/wire";
import { BonusJob, bonusRef, type BonusItem } from "./bonus";
import { assignmentDto, bonusDto, isoOf, profileDto, restrictionDto, toTolokaDate, userSkillDto } from "./dto";

export interface TolokerOptions {
  /** How long a panel part read from Toloka is shown without asking again. */
  panelMaxAgeMs?: number;
  /** How long the requester's balance is kept. */
  balanceMaxAgeMs?: number;
  /** How often open appeals are looked at (assignments read again, new appeal threads found). */
  appealsEveryMs?: number;
  /** A bonus's wait before it looks for itself in Toloka's list after a lost answer. */
  bonusLookupDelayMs?: number;
  /** The clock (tests of deadlines move it). */
  now?: () => number;
}

const DAY_MS = 86_400_000;
const PARTS = ["profile", "skills", "restrictions", "bonuses"] as const;
type PartName = (typeof PARTS)[number] | `assignments:${string}`;

/** Past this many, the panel's lists say there are more: a Toloker with hundreds of bonuses shows the latest. */
const PANEL_LIST_MAX = 100;
/** Assignments read again per appeals pass, so a big backlog never floods Toloka. */
const APPEALS_PER_PASS = 25;
/** A REJECTED assignment is read again after this long, in case it was accepted elsewhere. */
const APPEAL_RECHECK_MS = 15 * 60_000;
/** An assignment Toloka does not know is asked about again after this long. */
const NOT_FOUND_RECHECK_MS = DAY_MS;

const messageOf = (error: unknown) =>
  error instanceof TolokaError ? `Toloka did not answer this (${error.status ? `${error.status} ` : ""}${error.code})` : "This could not be read";

/**
 * The Toloker beside the conversation (issue 15): their panel, read part by part from Toloka and cached, the
 * appeals queue, and the actions a requester takes on a Toloker. Every call to Toloka goes through the one
 * client, so the account's rate limit holds for all of them.
 */
export class TolokerService {
  private readonly store: Store;
  private readonly client: TolokaClient;
  private readonly jobs: JobRunner;
  private readonly mailbox: Mailbox;
  private readonly opts: Required<Omit<TolokerOptions, "now">>;
  private readonly now: () => number;
  private balance: { value: RequesterDto; at: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private appealsPass: Promise<void> | null = null;

  constructor(deps: { store: Store; client: TolokaClient; jobs: JobRunner; mailbox: Mailbox }, opts: TolokerOptions = {}) {
    this.store = deps.store;
    this.client = deps.client;
    this.jobs = deps.jobs;
    this.mailbox = deps.mailbox;
    this.now = opts.now ?? Date.now;
    this.opts = {
      panelMaxAgeMs: opts.panelMaxAgeMs ?? 5 * 60_000,
      balanceMaxAgeMs: opts.balanceMaxAgeMs ?? 60_000,
      appealsEveryMs: opts.appealsEveryMs ?? 60_000,
      bonusLookupDelayMs: opts.bonusLookupDelayMs ?? 1000,
    };
    this.jobs.register(
      "bonus",
      new BonusJob(this.store, this.client, (jobId, except) => this.jobs.retryFailed(jobId, except), { lookupDelayMs: this.opts.bonusLookupDelayMs }),
    );
    this.jobs.register<{ tolokerId: string }>("skill-grant", {
      concurrency: 8,
      noun: "skill change",
      run: async (item, job) => {
        const p = job.params as { skillId: string; value: number; reason?: string };
        await this.client.setUserSkill({ skill_id: p.skillId, user_id: item.tolokerId, value: p.value, ...(p.reason ? { reason: p.reason } : {}) });
        this.store.tolokers.dropParts(item.tolokerId);
        return { status: "done" };
      },
      // Setting a skill to a value twice leaves it at that value.
      settle: async () => "pending",
    });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refreshAppeals().catch(() => undefined), this.opts.appealsEveryMs);
    this.timer.unref();
    void this.refreshAppeals().catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.appealsPass?.catch(() => undefined);
  }

  // ------------------------------------------------------------------------------------------------
  // The panel

  /** Every part of the panel; each read from Toloka on its own, so one that fails leaves the others. */
  async panel(tolokerId: string, opts: { pools?: string[]; refresh?: boolean } = {}): Promise<TolokerPanel> {
    const refresh = opts.refresh ?? false;
    const pools = opts.pools ?? [];
    const [profile, skills, restrictions, bonuses, assignments] = await Promise.all([
      this.part<TolokerProfile>(tolokerId, "profile", refresh, async () => ({ data: profileDto(await this.client.getUserMetadata(tolokerId)) })),
      this.part<UserSkillDto[]>(tolokerId, "skills", refresh, () => this.readSkills(tolokerId)),
      this.part<RestrictionDto[]>(tolokerId, "restrictions", refresh, () => this.readRestrictions(tolokerId)),
      this.part<{ total: string; items: BonusDto[]; more: boolean }>(tolokerId, "bonuses", refresh, () => this.readBonuses(tolokerId)),
      pools.length
        ? this.part<AssignmentDto[]>(tolokerId, `assignments:${pools.join(",")}`, refresh, () => this.readAssignments(tolokerId, pools))
        : Promise.resolve(undefined),
    ]);
    return {
      tolokerId,
      profile,
      skills,
      restrictions,
      bonuses,
      ...(assignments ? { assignments } : {}),
      threads: this.store.threads
        .search({ scope: "all", tolokerId, complete: true, limit: 50 })
        .items.map((t) => ({ id: t.id, topic: pickLanguage(t.topic), lastActivity: t.lastActivity, unread: t.folders.includes("UNREAD") })),
    };
  }

  /** A part from the cache while fresh, else from Toloka; a failure shows the error and any older copy. */
  private async part<T>(tolokerId: string, name: PartName, refresh: boolean, read: () => Promise<{ data: T; unreadable?: number }>): Promise<PanelPart<T>> {
    const cached = this.store.tolokers.getPart(tolokerId, name);
    const fresh = cached && this.now() - Date.parse(cached.fetchedAt) < this.opts.panelMaxAgeMs;
    if (cached && fresh && !refresh) return JSON.parse(cached.json) as PanelPart<T>;
    try {
      const { data, unreadable } = await read();
      const value: PanelPart<T> = { status: "ok", data, fetchedAt: new Date(this.now()).toISOString(), ...(unreadable ? { unreadable } : {}) };
      this.store.tolokers.putPart(tolokerId, name, JSON.stringify(value));
      return value;
    } catch (error) {
      if (!(error instanceof TolokaError)) getLogger().warn({ err: error, part: name }, "a Toloker panel part failed");
      const notFound = error instanceof TolokaError && error.status === 404;
      const old = cached ? (JSON.parse(cached.json) as PanelPart<T>) : null;
      return {
        status: "error",
        message: notFound ? "Toloka knows no such Toloker on this account." : messageOf(error),
        ...(old?.status === "ok" ? { stale: old.data, fetchedAt: old.fetchedAt } : {}),
      };
    }
  }

  private async skillNames(): Promise<Map<string, string>> {
    try {
      return new Map((await this.mailbox.skills()).map((s) => [s.id, s.name]));
    } catch {
      return new Map();
    }
  }

  private async readSkills(tolokerId: string) {
    const [page, names] = await Promise.all([this.client.listUserSkills({ user_id: tolokerId, limit: 100 }), this.skillNames()]);
    return { data: page.items.map((s) => userSkillDto(s, names)), unreadable: page.unreadable.length };
  }

  private async readRestrictions(tolokerId: string) {
    const page = await this.client.listRestrictions({ user_id: tolokerId, limit: 100, sort: "-id" });
    const now = this.now();
    // Only those in force: one whose end has passed restricts no more.
    const active = page.items.filter((r) => !r.will_expire || Date.parse(`${r.will_expire}Z`) > now);
    return { data: active.map(restrictionDto), unreadable: page.unreadable.length };
  }

  private async readBonuses(tolokerId: string) {
    const page = await this.client.listBonuses({ user_id: tolokerId, limit: PANEL_LIST_MAX, sort: "-id" });
    const total = page.items.reduce((sum, b) => sum + b.mills, 0);
    return { data: { total: formatMills(total), items: page.items.map(bonusDto), more: page.has_more }, unreadable: page.unreadable.length };
  }

  private async readAssignments(tolokerId: string, pools: string[]) {
    const pages = await Promise.all(pools.map((pool) => this.client.listAssignments({ user_id: tolokerId, pool_id: pool, limit: 20, sort: "-id" })));
    const items = pages.flatMap((p) => p.items);
    for (const a of items) this.cacheAssignment(a);
    items.sort((a, b) => (b.submitted ?? b.created ?? "").localeCompare(a.submitted ?? a.created ?? ""));
    return { data: items.map(assignmentDto), unreadable: pages.reduce((n, p) => n + p.unreadable.length, 0) };
  }

  /** The requester's balance (cached for a minute): the bonus dialog shows it. */
  async requester(refresh = false): Promise<RequesterDto> {
    if (!refresh && this.balance && this.now() - this.balance.at < this.opts.balanceMaxAgeMs) return this.balance.value;
    const r = await this.client.getRequester();
    const value: RequesterDto = {
      ...(r.balance_mills === undefined ? {} : { balance: formatMills(r.balance_mills) }),
      ...(r.public_name ? { name: pickLanguage(r.public_name) } : {}),
      fetchedAt: new Date(this.now()).toISOString(),
    };
    this.balance = { value, at: this.now() };
    return value;
  }

  // ------------------------------------------------------------------------------------------------
  // Actions

  /**
   * Pays a bonus as a job of one item (see lib/tolokers/bonus.ts: exactly once). Refused while another payment to
   * the same Toloker is under way, when the balance is known to be too low, and, unless acknowledged, when the
   * same amount was paid them in the last day.
   */
  async payBonus(tolokerId: string, body: BonusBody, user: Person): Promise<JobRecord> {
    const mills = toMills(Number(body.amount));
    let balance: RequesterDto | null = null;
    try {
      balance = await this.requester(true);
    } catch {
      // Toloka refuses a bonus the balance cannot pay; not knowing the balance is no reason to refuse here.
    }
    if (balance?.balance !== undefined && toMills(Number(balance.balance)) < mills) {
      throw new AppError("CONFLICT", `The account's balance is $${balance.balance}, less than the bonus of $${formatMills(mills)}.`, {
        amount: "is more than the balance",
      });
    }
    if (!body.acknowledgedDuplicate) {
      const recent = await this.readBonuses(tolokerId).catch(() => null);
      const since = this.now() - DAY_MS;
      const same = recent?.data.items.find((b) => toMills(Number(b.amount)) === mills && b.created && Date.parse(b.created) > since);
      if (same) {
        throw new AppError(
          "CONFLICT",
          `This Toloker was paid a bonus of $${same.amount} in the last 24 hours${same.created ? ` (${same.created.slice(0, 16).replace("T", " ")} UTC)` : ""}. Confirm to pay another.`,
          { acknowledgedDuplicate: "confirm paying the same amount again" },
        );
      }
    }
    // Checked after every await, just before the job is made: two clicks cannot both pass it.
    const inFlight = this.store.jobs.unfinished().find((j) => j.kind === "bonus" && (j.params as { tolokerId?: string }).tolokerId === tolokerId);
    if (inFlight) throw new AppError("CONFLICT", "A bonus to this Toloker is being paid right now. Wait for it to finish.");
    const operationId = crypto.randomUUID();
    const comment = [body.comment, `Paid from Toloka Messages by ${user.name} (${bonusRef(operationId)})`].filter(Boolean).join(" · ");
    const form: WireBonusForm = {
      user_id: tolokerId,
      amount: mills / 1000,
      public_title: body.title,
      public_message: body.message,
      without_message: false,
      ...(body.assignmentId ? { assignment_id: body.assignmentId } : {}),
      private_comment: comment,
    };
    const item: BonusItem = { operationId, form, startedMs: this.now() };
    const job = this.jobs.enqueue("bonus", { tolokerId, amount: formatMills(mills), threadId: body.threadId }, [item], user.id);
    // The panel's bonuses and the balance are read again next time.
    this.store.tolokers.dropParts(tolokerId);
    this.balance = null;
    return job;
  }

  async setSkill(tolokerId: string, body: SkillBody): Promise<UserSkillDto> {
    const names = await this.skillNames();
    if (names.size > 0 && !names.has(body.skillId)) throw invalid({ skillId: "is not a skill of this account" });
    const skill = await this.client.setUserSkill({
      skill_id: body.skillId,
      user_id: tolokerId,
      value: body.value,
      ...(body.reason ? { reason: body.reason } : {}),
    });
    this.store.tolokers.dropParts(tolokerId);
    return userSkillDto(skill, names);
  }

  async removeSkill(tolokerId: string, userSkillId: string): Promise<void> {
    try {
      await this.client.deleteUserSkill(userSkillId);
    } catch (error) {
      // Gone already (removed elsewhere, or by a first try whose answer was lost): the Toloker has it no more.
      if (!(error instanceof TolokaError && error.status === 404)) throw error;
    }
    this.store.tolokers.dropParts(tolokerId);
  }

  /** "Give everyone who did this a skill": a job of one item per Toloker (setting a skill is safe to repeat). */
  async grantSkill(body: SkillGrantBody, user: Person): Promise<JobRecord> {
    const names = await this.skillNames();
    if (names.size > 0 && !names.has(body.skillId)) throw invalid({ skillId: "is not a skill of this account" });
    let ids: string[];
    if (body.tolokerIds) ids = body.tolokerIds;
    else if (body.threadIds)
      ids = body.threadIds.flatMap(
        (id) =>
          this.store.threads
            .get(id)
            ?.interlocutors.filter((i) => i.role === "USER")
            .map((i) => i.id) ?? [],
      );
    else ids = await this.poolTolokers(body.poolId!);
    const unique = [...new Set(ids)];
    if (unique.length === 0) throw invalid({ [body.poolId ? "poolId" : "threadIds"]: "names no Toloker" });
    return this.jobs.enqueue(
      "skill-grant",
      { skillId: body.skillId, skillName: names.get(body.skillId), value: body.value, reason: body.reason, count: unique.length },
      unique.map((tolokerId) => ({ tolokerId })),
      user.id,
    );
  }

  /** Everyone with an assignment in the pool (up to 10,000). */
  private async poolTolokers(poolId: string): Promise<string[]> {
    const ids = new Set<string>();
    let idGt: string | undefined;
    for (let page = 0; page < 100 && ids.size < 10_000; page++) {
      const r = await this.client.listAssignments({ pool_id: poolId, limit: 100, sort: "id", id_gt: idGt });
      for (const a of r.items) if (a.user_id) ids.add(a.user_id);
      if (!r.has_more || r.items.length === 0) break;
      idGt = r.items[r.items.length - 1].id;
    }
    return [...ids];
  }

  async restrict(tolokerId: string, body: RestrictionBody): Promise<RestrictionDto> {
    if (body.until && Date.parse(body.until) <= this.now()) throw invalid({ until: "must be in the future" });
    const r = await this.client.setRestriction({
      scope: body.scope,
      user_id: tolokerId,
      ...(body.scope === "PROJECT" ? { project_id: body.projectId } : {}),
      ...(body.scope === "POOL" ? { pool_id: body.poolId } : {}),
      private_comment: body.comment,
      ...(body.until ? { will_expire: toTolokaDate(Date.parse(body.until)) } : {}),
    });
    this.store.tolokers.dropParts(tolokerId);
    return restrictionDto(r);
  }

  async lift(tolokerId: string, restrictionId: string): Promise<void> {
    try {
      await this.client.deleteRestriction(restrictionId);
    } catch (error) {
      if (!(error instanceof TolokaError && error.status === 404)) throw error;
    }
    this.store.tolokers.dropParts(tolokerId);
  }

  // ------------------------------------------------------------------------------------------------
  // Appeals

  private cacheAssignment(a: WireAssignment): void {
    this.store.tolokers.putAssignment({ id: a.id, status: a.status, json: JSON.stringify(a) });
  }

  /** Reads one assignment from Toloka into the cache; null when Toloka knows none by that id. */
  private async fetchAssignment(id: string): Promise<WireAssignment | null> {
    try {
      const a = await this.client.getAssignment(id);
      this.cacheAssignment({ ...a, id });
      return a;
    } catch (error) {
      if (error instanceof TolokaError && error.status === 404) {
        this.store.tolokers.putAssignment({ id, status: "NOT_FOUND", json: null });
        return null;
      }
      throw error;
    }
  }

  /**
   * One pass over the appeals: finds the threads that name an assignment since the last pass, then reads the
   * assignments not read yet (or open and not read for a while), a bounded number at a time.
   */
  refreshAppeals(): Promise<void> {
    if (this.appealsPass) return this.appealsPass;
    const pass = (async () => {
      while (this.store.tolokers.scanAppealRefs(assignmentOfThread, 2_000) === 2_000) {
        // keep scanning: a first pass over a big mirror
      }
      const now = this.now();
      const due = this.store.tolokers
        .appeals()
        .filter((r) => {
          if (r.decision) return false;
          if (!r.assignment) return true;
          const age = now - Date.parse(r.assignment.fetchedAt);
          if (r.assignment.status === "NOT_FOUND") return age > NOT_FOUND_RECHECK_MS;
          return r.assignment.status === "REJECTED" && age > APPEAL_RECHECK_MS;
        })
        .slice(0, APPEALS_PER_PASS);
      const seen = new Set<string>();
      for (const r of due) {
        if (seen.has(r.assignmentId)) continue;
        seen.add(r.assignmentId);
        await this.fetchAssignment(r.assignmentId).catch(() => undefined);
      }
    })().finally(() => {
      this.appealsPass = null;
    });
    this.appealsPass = pass;
    return pass;
  }

  private appealDto(r: AppealRow): AppealDto {
    const a = r.assignment?.json ? (JSON.parse(r.assignment.json) as WireAssignment) : undefined;
    const rejected = isoOf(a?.rejected);
    const deadlineMs = rejected ? Date.parse(rejected) + APPEAL_DAYS * DAY_MS : undefined;
    return {
      threadId: r.threadId,
      topic: pickLanguage(r.topic),
      ...((r.tolokerId ?? a?.user_id) ? { tolokerId: r.tolokerId ?? a?.user_id } : {}),
      assignmentId: r.assignmentId,
      ...(a?.pool_id ? { poolId: a.pool_id } : {}),
      status: r.assignment?.status ?? "UNKNOWN",
      ...(rejected ? { rejected } : {}),
      ...(deadlineMs !== undefined ? { deadline: new Date(deadlineMs).toISOString(), daysLeft: Math.ceil((deadlineMs - this.now()) / DAY_MS) } : {}),
      ...(r.decision ? { decision: r.decision } : {}),
      lastActivity: r.lastActivity,
      unread: r.unread,
    };
  }

  /** Open appeals (REJECTED, not decided here), the closest deadline first; one per assignment. */
  appeals(): { items: AppealDto[]; pending: number } {
    const rows = this.store.tolokers.appeals();
    const byAssignment = new Map<string, AppealRow>();
    let pending = 0;
    for (const r of rows) {
      if (!r.assignment) pending++;
      if (r.decision || r.assignment?.status !== "REJECTED") continue;
      if (!byAssignment.has(r.assignmentId)) byAssignment.set(r.assignmentId, r);
    }
    const items = [...byAssignment.values()].map((r) => this.appealDto(r));
    items.sort((a, b) => (a.deadline ?? "9").localeCompare(b.deadline ?? "9"));
    return { items, pending };
  }

  openAppealCount(): number {
    return this.store.tolokers.openAppealCount();
  }

  /** The thread's appeal with its assignment, read from Toloka when the copy is older than the panel's age. */
  async threadAppeal(threadId: string, refresh = false): Promise<ThreadAppeal> {
    this.store.tolokers.scanAppealRefs(assignmentOfThread, 2_000);
    const row = this.store.tolokers.appealOf(threadId);
    if (!row) return { appeal: null };
    const stale = !row.assignment || this.now() - Date.parse(row.assignment.fetchedAt) > this.opts.panelMaxAgeMs;
    let error: string | undefined;
    if (refresh || stale) {
      try {
        await this.fetchAssignment(row.assignmentId);
      } catch (e) {
        error = messageOf(e);
      }
    }
    const now = this.store.tolokers.appealOf(threadId)!;
    const json = now.assignment?.json;
    return {
      appeal: this.appealDto(now),
      ...(json ? { assignment: assignmentDto(JSON.parse(json) as WireAssignment) } : {}),
      ...(error ? { error } : now.assignment?.status === "NOT_FOUND" ? { error: "Toloka knows no assignment by this id on this account." } : {}),
    };
  }

  /**
   * Decides an appeal from its thread: accepting changes the assignment REJECTED → ACCEPTED with the public
   * comment; keeping leaves it. Either way the decision is recorded (the appeal leaves the queue) and the reply,
   * when given, is sent in the same step.
   */
  async decideAppeal(threadId: string, body: AppealDecisionBody, user: Person): Promise<{ appeal: AppealDto; reply: { sent: boolean; error?: string } }> {
    this.store.tolokers.scanAppealRefs(assignmentOfThread, 2_000);
    const row = this.store.tolokers.appealOf(threadId);
    if (!row) throw new AppError("NOT_FOUND", "This thread names no assignment.");
    if (body.decision === "accept") await this.accept(row.assignmentId, body.publicComment);
    this.store.tolokers.decide({
      assignmentId: row.assignmentId,
      threadId,
      kind: body.decision === "accept" ? "accepted" : "kept",
      userId: user.id,
      userName: user.name,
    });
    let reply: { sent: boolean; error?: string } = { sent: false };
    if (body.text) {
      try {
        await this.mailbox.reply(threadId, body.text, user);
        reply = { sent: true };
      } catch (error) {
        reply = { sent: false, error: error instanceof Error ? error.message : "The reply could not be sent." };
      }
    }
    return { appeal: this.appealDto(this.store.tolokers.appealOf(threadId)!), reply };
  }

  /** REJECTED → ACCEPTED, exactly: a lost answer or a conflict is settled by reading the assignment back. */
  private async accept(assignmentId: string, publicComment: string | undefined): Promise<void> {
    try {
      const a = await this.client.patchAssignment(assignmentId, { status: "ACCEPTED", ...(publicComment ? { public_comment: publicComment } : {}) });
      this.cacheAssignment({ ...a, id: assignmentId });
      return;
    } catch (error) {
      if (!(error instanceof TolokaError)) throw error;
      if (error.status === 404) throw new AppError("NOT_FOUND", "Toloka knows no assignment by this id on this account.");
      if (error.outcome === "not-applied" && error.status !== 409) throw error;
      // Unknown outcome, or a conflict (accepted already?): the assignment says what happened.
      let after: WireAssignment | null;
      try {
        after = await this.fetchAssignment(assignmentId);
      } catch {
        throw new AppError(
          "UPSTREAM_FAILED",
          "Toloka did not confirm the change and could not be asked whether it was made. Reload the thread before trying again.",
        );
      }
      if (after?.status === "ACCEPTED") return;
      if (error.status === 409) throw new AppError("CONFLICT", `The assignment is ${after?.status ?? "gone"}, not REJECTED: it cannot be accepted from here.`);
      throw new AppError("UPSTREAM_FAILED", "Toloka did not accept the assignment. Try again.");
    }
  }
}
