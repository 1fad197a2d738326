import { describe, expect, it } from "vitest";
import { composeFormSchema, errorBodySchema, foldersFormSchema, replyFormSchema, skillPageSchema, threadPageSchema, threadSchema } from "./wire";

// Fixtures shaped like the examples in Toloka's published spec for these endpoints (written out here:
// the project does not read anything outside itself).
const specThread = {
  id: "643933af08583e0a19c2167e",
  topic: { EN: "Test bonus" },
  interlocutors_inlined: true,
  interlocutors: [
    { id: "6c6e20dc86cca2ae787afcb2629de162", role: "REQUESTER", myself: true },
    { id: "a1b0b42923c429daa2c764d7ccfc364d", role: "USER" },
  ],
  messages_inlined: true,
  messages: [
    {
      text: { EN: "Thank you" },
      from: { id: "6c6e20dc86cca2ae787afcb2629de162", role: "REQUESTER", myself: true },
      created: "2023-04-14T11:06:23.096",
    },
  ],
  compose_details: { recipients_select_type: "DIRECT", recipients_ids: ['a1b0b42923c429daa2c764d7ccfc364d"'] },
  meta: {},
  folders: ["OUTBOX"],
  answerable: false,
  created: "2023-04-14T11:06:23.096",
};

describe("wire schemas", () => {
  it("parse a thread as Toloka's spec shows it", () => {
    expect(threadSchema.parse(specThread)).toMatchObject({ id: specThread.id, folders: ["OUTBOX"] });
  });

  it("parse a page of threads with has_more", () => {
    const page = threadPageSchema.parse({ items: [specThread], has_more: true });
    expect(page.has_more).toBe(true);
    expect(page.items).toHaveLength(1);
  });

  it("accept the date forms Toloka may send: none, 3 or 6 fractional digits, and a trailing Z", () => {
    for (const created of ["2023-04-14T11:06:23", "2023-04-14T11:06:23.096", "2023-04-14T11:06:23.096123", "2023-04-14T11:06:23.096Z"]) {
      expect(threadSchema.safeParse({ ...specThread, created }).success).toBe(true);
    }
    expect(threadSchema.safeParse({ ...specThread, created: "14/04/2023" }).success).toBe(false);
  });

  it("accept a child thread, meta ids and a filter in compose details, and ignore unknown fields", () => {
    const child = {
      ...specThread,
      parent_id: "643933af08583e0a19c2167d",
      meta: { pool_id: "36502086", project_id: "119207", assignment_id: "00022cdfc6--6449af2c3e3e7a6f2c3c5a42" },
      compose_details: { recipients_select_type: "FILTER", recipients_filter: { and: [{ category: "skill", key: "2022", operator: "GT", value: 90 }] } },
      some_future_field: 1,
    };
    const parsed = threadSchema.parse(child);
    expect(parsed.parent_id).toBe("643933af08583e0a19c2167d");
    expect(parsed.meta?.pool_id).toBe("36502086");
  });

  it("reject an unknown folder or role, which the app could not show", () => {
    expect(threadSchema.safeParse({ ...specThread, folders: ["SPAM"] }).success).toBe(false);
    expect(threadSchema.safeParse({ ...specThread, interlocutors: [{ id: "x", role: "ROBOT" }] }).success).toBe(false);
  });

  it("parse a skills page as the spec shows it", () => {
    const page = skillPageSchema.parse({
      items: [
        {
          id: "37825",
          name: "product search relevance",
          public_name: { EN: "product search relevance" },
          private_comment: "",
          hidden: true,
          deprecated: false,
          owner: { id: "6c6e20dc86cca2ae787afcb2629de162", myself: true },
          created: "2022-01-25T09:19:16.455",
          global: false,
        },
      ],
      has_more: true,
    });
    expect(page.items[0].name).toBe("product search relevance");
  });

  it("parse the request bodies of the spec's examples", () => {
    expect(
      composeFormSchema.parse({ topic: { EN: "Hello there!" }, text: { EN: "Welcome to Toloka!" }, recipients_select_type: "ALL", answerable: false })
        .recipients_select_type,
    ).toBe("ALL");
    expect(
      composeFormSchema.parse({
        topic: { EN: "You have got a bonus!" },
        text: { EN: "The bonus was awarded for good job!" },
        recipients_select_type: "DIRECT",
        recipients_ids: ["2225cfb24c15b7d691818f5ac9d07f70"],
        answerable: true,
      }).recipients_ids,
    ).toHaveLength(1);
    expect(composeFormSchema.safeParse({ topic: {}, text: {}, recipients_select_type: "DIRECT", recipients_ids: Array(101).fill("x") }).success).toBe(false);
    expect(replyFormSchema.parse({ text: { EN: "Thank you very much!" } }).text.EN).toBe("Thank you very much!");
    expect(foldersFormSchema.parse({ folders: ["UNREAD"] }).folders).toEqual(["UNREAD"]);
  });

  it("parse Toloka's error body, and require its code", () => {
    const body = errorBodySchema.parse({
      request_id: "5bf9a3c4-0c0a-4a54-b1d4-66a0bd2e6a4f",
      code: "VALIDATION_ERROR",
      message: "Validation failed",
      payload: { recipients_ids: { code: "ARRAY_SIZE_GREATER_THAN_MAX", message: "must be at most 100" } },
    });
    expect(body.code).toBe("VALIDATION_ERROR");
    expect(errorBodySchema.safeParse({ message: "no code" }).success).toBe(false);
    expect(errorBodySchema.safeParse({ code: null, message: "null code" }).success).toBe(false);
    expect(errorBodySchema.safeParse("<html>").success).toBe(false);
  });

  it("read an error body leniently: null as absent, numbers as strings, unknown fields ignored", () => {
    // The shapes toloka-kit's tests give its client (payload null; no request id), written here.
    expect(
      errorBodySchema.parse({ request_id: "8dff48b8e99cd9408fa2d6a906d52205", code: "EMPTY_POOL", message: "Pool contains no tasks", payload: null }),
    ).toEqual({
      request_id: "8dff48b8e99cd9408fa2d6a906d52205",
      code: "EMPTY_POOL",
      message: "Pool contains no tasks",
    });
    expect(errorBodySchema.parse({ code: "NEED_PHONE_CONFIRMATION", message: null, request_id: 42, trace: { id: 1 } })).toEqual({
      code: "NEED_PHONE_CONFIRMATION",
      request_id: "42",
    });
    expect(errorBodySchema.parse({ code: 500, message: 7 })).toEqual({ code: "500" });
  });
});
