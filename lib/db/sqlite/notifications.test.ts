import { describe, expect, it } from "vitest";
import { createSqliteStore, type NewNotifyEvent } from "@/lib/db";
import { DEFAULT_MEMBER_NOTIFY_SETTINGS } from "@/lib/schemas/notifications";

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 10, minute)).toISOString();

const event = (userId: string, minute: number, extra: Partial<NewNotifyEvent> = {}): NewNotifyEvent => ({
  userId,
  kind: "message",
  threadId: `t-${userId}-${minute}`,
  summary: { topic: "Topic" },
  createdAt: at(minute),
  email: "pending",
  webhook: "pending",
  ...extra,
});

function storeWith(...members: string[]) {
  const store = createSqliteStore(":memory:");
  for (const id of members) store.users.create({ id, email: `${id}@team.test`, name: id, role: "viewer" });
  return store;
}

describe("the notifications repository", () => {
  it("keeps a member's settings, and finds who asked for unowned threads and appeals among existing members", () => {
    const store = storeWith("ann", "bob");
    expect(store.notifications.settings("ann")).toBeNull();
    store.notifications.putSettings("ann", { ...DEFAULT_MEMBER_NOTIFY_SETTINGS, unassigned: true, appeal: true, updatedAt: at(0) });
    store.notifications.putSettings("bob", { ...DEFAULT_MEMBER_NOTIFY_SETTINGS, message: false, unassigned: true, updatedAt: at(1) });
    store.notifications.putSettings("gone", { ...DEFAULT_MEMBER_NOTIFY_SETTINGS, unassigned: true, appeal: true, updatedAt: at(1) });
    expect(store.notifications.settings("ann")).toEqual({ ...DEFAULT_MEMBER_NOTIFY_SETTINGS, unassigned: true, appeal: true, updatedAt: at(0) });
    // bob asked for unowned threads but not for messages at all; "gone" is no member.
    expect(store.notifications.membersWanting("unassigned")).toEqual(["ann"]);
    expect(store.notifications.membersWanting("appeal")).toEqual(["ann"]);
  });

  it("takes a member's rows once the oldest has waited the window, and leases them from another process", () => {
    const store = storeWith("ann", "bob");
    const repo = store.notifications;
    repo.add([event("ann", 0), event("ann", 5), event("bob", 4), event("ann", 1, { email: "skipped" })]);
    const claim = (now: number, windowStart: number, group: "member" | "all" = "member") =>
      repo.claim("email", { now: at(now), windowStart: at(windowStart), leaseUntil: at(now + 10), group });
    // At 10:03 with a 3-minute window: ann's oldest (10:00) has waited, bob's (10:04) has not; ann's newer row goes with hers.
    const first = claim(3, 0);
    expect(first.map((r) => [r.userId, r.createdAt])).toEqual([
      ["ann", at(0)],
      ["ann", at(5)],
    ]);
    // Leased: another process finds nothing of ann's until the lease ends.
    expect(claim(4, 1)).toEqual([]);
    expect(claim(13, 10).map((r) => r.userId)).toEqual(["ann", "ann", "bob"]);
    repo.settle(
      "email",
      first.map((r) => r.id),
      "sent",
      at(14),
    );
    expect(claim(30, 30).map((r) => r.userId)).toEqual(["bob"]);
    // The webhook's rows are one group: all of them once the oldest has waited.
    expect(repo.claim("webhook", { now: at(3), windowStart: at(0), leaseUntil: at(4), group: "all" })).toHaveLength(4);
  });

  it("counts failed attempts, gives up after the last, and prunes what is settled both ways", () => {
    const store = storeWith("ann");
    const repo = store.notifications;
    repo.add([event("ann", 0, { webhook: "skipped" })]);
    const [row] = repo.claim("email", { now: at(1), windowStart: at(1), leaseUntil: at(2), group: "member" });
    expect(repo.fail("email", [row.id], { error: "451 busy", at: at(1), retryAt: at(3), maxAttempts: 2 })).toBe(0);
    expect(repo.claim("email", { now: at(2), windowStart: at(2), leaseUntil: at(3), group: "member" })).toEqual([]);
    const [again] = repo.claim("email", { now: at(3), windowStart: at(3), leaseUntil: at(4), group: "member" });
    expect(again).toMatchObject({ emailAttempts: 1, lastError: "451 busy" });
    expect(repo.fail("email", [again.id], { error: "451 still busy", at: at(3), retryAt: at(5), maxAttempts: 2 })).toBe(1);
    expect(repo.counts(at(0))).toEqual({ pending: 0, failed: 1 });
    expect(repo.prune(at(0))).toBe(0);
    expect(repo.prune(at(1))).toBe(1);
    expect(repo.counts(at(0))).toEqual({ pending: 0, failed: 0 });
  });

  it("remembers an appeal announced once", () => {
    const store = storeWith();
    expect(store.notifications.markAppealNotified("a1", "t1", at(0))).toBe(true);
    expect(store.notifications.markAppealNotified("a1", "t1", at(1))).toBe(false);
  });
});
