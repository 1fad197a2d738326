import { afterEach, describe as group, expect, it } from "vitest";
import { advanceClock } from "@/lib/clock";
import type { NewUser } from "@/lib/db";
import { startWorld, type World } from "@/lib/services/test-world";
import { fillVariables } from "@/lib/schemas/plain";
import { savedReplyBodySchema } from "@/lib/schemas/workflow";

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const member = (id: string, role: NewUser["role"] = "sender", name = `Member ${id}`): NewUser => ({ id, email: `${id}@team.example`, name, role });
const person = (id: string, name = `Member ${id}`) => ({ id, name, email: `${id}@team.example` });

/** A world with two senders (Ana, Boris), a viewer, and a Toloker's fresh question synced into the mirror. */
async function setup() {
  world = await startWorld();
  const w = world;
  w.store.users.create(member("ana", "sender", "Ana Petrova"));
  w.store.users.create(member("boris", "sender", "Boris"));
  w.store.users.create(member("vera", "viewer", "Vera"));
  const emu = w.server.emulator.store;
  const toloker = emu.listTolokers(1, 0).items[0].id;
  const t = emu.tolokerWritesFirst({ tolokerId: toloker, topic: { EN: "Why was my task rejected?" }, text: { EN: "Please look again" } });
  await w.sync.full();
  const ids = async (tab: "mine" | "unassigned" | "snoozed" | "done", me: string) =>
    (await w.mailbox.list({ tab, scope: "tab", limit: 200, typing: "0" }, me)).items.map((i) => i.id);
  return { w, emu, toloker, threadId: t.id, ids };
}

group("the team's workflow", () => {
  it("an assigned thread leaves Unassigned and is in its owner's Mine, with the change in the timeline", async () => {
    const { w, threadId, ids } = await setup();
    expect(await ids("unassigned", "ana")).toContain(threadId);
    w.workflow.update(threadId, { ownerId: "boris" }, person("ana", "Ana Petrova"));
    expect(await ids("unassigned", "ana")).not.toContain(threadId);
    expect(await ids("mine", "boris")).toContain(threadId);
    expect(await ids("mine", "ana")).not.toContain(threadId);
    const counts = await w.mailbox.unreadCounts("boris");
    expect(counts.views.mine).toBe(1);
    const team = w.workflow.team(threadId);
    expect(team.workflow.owner).toEqual({ id: "boris", name: "Boris" });
    expect(team.events).toEqual([expect.objectContaining({ kind: "assign", to: "Boris", author: { id: "ana", name: "Ana Petrova" } })]);
    // Reassigned: recorded with both names.
    w.workflow.update(threadId, { ownerId: "ana" }, person("boris", "Boris"));
    expect(w.workflow.team(threadId).events[1]).toMatchObject({ kind: "assign", from: "Boris", to: "Ana Petrova" });
  });

  it("refuses an owner who is not a sender, naming the field", async () => {
    const { w, threadId } = await setup();
    expect(() => w.workflow.update(threadId, { ownerId: "vera" }, person("ana"))).toThrow(
      expect.objectContaining({ fields: { ownerId: expect.stringContaining("viewer") } }),
    );
    expect(() => w.workflow.update(threadId, { ownerId: "nobody" }, person("ana"))).toThrow(
      expect.objectContaining({ fields: { ownerId: "is not a member of the team" } }),
    );
  });

  it("a done thread comes back, still with its owner, when the Toloker writes again", async () => {
    const { w, emu, toloker, threadId, ids } = await setup();
    w.workflow.update(threadId, { ownerId: "ana", status: "done" }, person("ana"));
    expect(await ids("mine", "ana")).not.toContain(threadId);
    expect(await ids("done", "ana")).toContain(threadId);
    // Our own reply does not reopen it.
    await w.mailbox.reply(threadId, { EN: "We looked again: accepted." }, person("ana"));
    expect(await ids("done", "ana")).toContain(threadId);
    emu.tolokerReply({ threadId, tolokerId: toloker, text: { EN: "Thanks! One more question" } });
    await w.sync.incremental();
    expect(await ids("done", "ana")).not.toContain(threadId);
    expect(await ids("mine", "ana")).toContain(threadId);
    expect((await w.mailbox.thread(threadId)).workflow).toEqual({ owner: { id: "ana", name: "Ana Petrova" }, status: "open" });
  });

  it("the mirror says which threads gained a Toloker's message, not our replies, for the notifications", async () => {
    const { w, emu, toloker, threadId } = await setup();
    const heard: { threadId: string; isNew: boolean; text: string }[] = [];
    w.mirror.onTolokerMessages((news) => heard.push(...news.map((n) => ({ threadId: n.threadId, isNew: n.isNew, text: n.text }))));
    await w.mailbox.reply(threadId, { EN: "Ours" }, person("ana"));
    expect(heard).toEqual([]);
    emu.tolokerReply({ threadId, tolokerId: toloker, text: { EN: "Theirs" } });
    await w.sync.incremental();
    expect(heard).toEqual([{ threadId, isNew: false, text: "Theirs" }]);
  });

  it("a snoozed thread comes back when its time comes (the app's clock moved on)", async () => {
    const { w, threadId, ids } = await setup();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    w.workflow.update(threadId, { status: "snoozed", snoozeUntil: until }, person("ana"));
    expect(await ids("snoozed", "ana")).toContain(threadId);
    expect(await ids("unassigned", "ana")).not.toContain(threadId);
    advanceClock(3_600_000 + 1_000);
    expect(await ids("snoozed", "ana")).not.toContain(threadId);
    expect(await ids("unassigned", "ana")).toContain(threadId);
    expect(() => w.workflow.update(threadId, { status: "snoozed", snoozeUntil: new Date(Date.now() - 1000).toISOString() }, person("ana"))).toThrow(
      expect.objectContaining({ fields: { snoozeUntil: "must be in the future" } }),
    );
  });

  it("a note stays in the app: it mentions teammates and never reaches Toloka", async () => {
    const { w, emu, threadId } = await setup();
    const before = emu.getThreadJson(threadId);
    const note = w.workflow.addNote(threadId, "Secret-note-7f3 @Boris please check; cc @ana", person("ana", "Ana Petrova"));
    expect(note).toMatchObject({
      kind: "note",
      mentions: expect.arrayContaining([
        { id: "boris", name: "Boris" },
        { id: "ana", name: "Ana Petrova" },
      ]),
    });
    expect(emu.getThreadJson(threadId)).toBe(before);
    expect(JSON.stringify(await w.mailbox.thread(threadId))).not.toContain("Secret-note-7f3");
    expect(w.workflow.team(threadId).events.map((e) => e.kind)).toEqual(["note"]);
  });

  it("a reply made by a teammate meanwhile is refused until confirmed", async () => {
    const { w, threadId } = await setup();
    const seen = (await w.mailbox.thread(threadId)).messages.length;
    await w.mailbox.reply(threadId, { EN: "Boris answers first" }, person("boris", "Boris"), { seenMessages: seen });
    await expect(w.mailbox.reply(threadId, { EN: "Ana answers too" }, person("ana"), { seenMessages: seen })).rejects.toMatchObject({
      code: "REPLIED_MEANWHILE",
      message: expect.stringContaining("Boris replied"),
    });
    const after = await w.mailbox.reply(threadId, { EN: "Ana answers too" }, person("ana"), { seenMessages: seen, confirmed: true });
    expect(after.messages.length).toBe(seen + 2);
  });

  it("presence: who else has the thread open and who is typing", async () => {
    const { w, threadId } = await setup();
    w.workflow.presence(threadId, person("ana", "Ana Petrova"), { typing: true });
    expect(w.workflow.presence(threadId, person("boris", "Boris"), { typing: false }).others).toEqual([{ id: "ana", name: "Ana Petrova", typing: true }]);
    w.workflow.presence(threadId, person("ana", "Ana Petrova"), { typing: false, leaving: true });
    expect(w.workflow.presence(threadId, person("boris", "Boris"), { typing: false }).others).toEqual([]);
  });

  it("saved replies: searched, per language, with variables filled from the thread", async () => {
    const { w } = await setup();
    const r = w.workflow.createReply({ title: "Rejected task", lang: "EN", body: "Hello {toloker_id}, pool {pool_id}. — {member_name}" }, person("ana"));
    w.workflow.createReply({ title: "Отклонено", lang: "RU", body: "Здравствуйте" }, person("ana"));
    expect(w.workflow.savedReplies({ q: "reject" }).map((x) => x.id)).toEqual([r.id]);
    expect(w.workflow.savedReplies({ lang: "RU" }).map((x) => x.title)).toEqual(["Отклонено"]);
    expect(fillVariables(r.body, { toloker_id: "abc", pool_id: "42", member_name: "Ana" })).toBe("Hello abc, pool 42. — Ana");
    expect(fillVariables("{project_id}", {})).toBe("{project_id}");
    expect(savedReplyBodySchema.safeParse({ title: "x", lang: "EN", body: "Hi {name}" }).error?.issues[0].message).toBe("has unknown variables: {name}");
  });
});
