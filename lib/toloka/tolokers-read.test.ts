import { describe, expect, it } from "vitest";
import {
  formatMills,
  readAssignment,
  readBonus,
  readListPage,
  readRequester,
  readRestriction,
  readUserMetadata,
  readUserSkill,
  toMills,
} from "./tolokers-read";

/*
 * The readers of the Toloker endpoints hold Toloka's published examples (toloka-openapi-tolokers.yaml) and what
 * toloka-api.md §7 says Toloka may also send: nulls, numbers for ids, other date precisions, unknown values.
 */

describe("reading the Toloker endpoints leniently", () => {
  it("reads the spec's metadata example, and one that says little", () => {
    const r = readUserMetadata({
      id: "0060ec33ea7938162d024ef1e3cef496",
      country: "IN",
      languages: ["EN", "FR"],
      attributes: {
        country_by_phone: "IN",
        country_by_ip: "IN",
        client_type: "TOLOKA_APP",
        user_agent_type: "OTHER",
        device_category: "SMARTPHONE",
        os_family: "ANDROID",
        os_version: 10,
        os_version_major: 10,
        os_version_minor: 0,
        os_version_bugfix: 0,
      },
      adult_allowed: true,
    });
    expect(r).toEqual({
      ok: true,
      value: {
        id: "0060ec33ea7938162d024ef1e3cef496",
        country: "IN",
        languages: ["EN", "FR"],
        adult_allowed: true,
        attributes: {
          country_by_phone: "IN",
          country_by_ip: "IN",
          client_type: "TOLOKA_APP",
          user_agent_type: "OTHER",
          device_category: "SMARTPHONE",
          os_family: "ANDROID",
          os_version: "10",
        },
      },
    });
    expect(readUserMetadata({ id: "x", country: null, languages: null, attributes: null, adult_allowed: "maybe", extra: 1 })).toEqual({
      ok: true,
      value: { id: "x", languages: [], attributes: {} },
    });
    expect(readUserMetadata({ country: "IN" })).toMatchObject({ ok: false, reason: expect.stringMatching(/no id/) });
  });

  it("reads a skill's exact value when given, ids given as numbers, and any date precision", () => {
    expect(
      readUserSkill({
        id: "1813606616",
        skill_id: "37825",
        user_id: "u",
        value: 100,
        exact_value: 99.5,
        created: "2022-01-25T09:21:58.854",
        modified: "2022-01-25T09:21:58.854",
      }),
    ).toEqual({
      ok: true,
      value: { id: "1813606616", skill_id: "37825", user_id: "u", value: 99.5, created: "2022-01-25T09:21:58.854", modified: "2022-01-25T09:21:58.854" },
    });
    expect(readUserSkill({ id: 5, skill_id: 11051, value: "50", modified: "2022-01-25T09:21:58" })).toMatchObject({
      ok: true,
      value: { id: "5", skill_id: "11051", value: 50, modified: "2022-01-25T09:21:58.000" },
    });
    expect(readUserSkill({ id: 5, skill_id: 1 })).toMatchObject({ ok: false, reason: "the skill has no value" });
  });

  it("reads restrictions with an unknown scope kept, and the spec's date with a space", () => {
    expect(
      readRestriction({
        scope: "PROJECT",
        user_id: "f25a",
        project_id: 10,
        private_comment: "Many mistakes",
        will_expire: "2016-04-10T18:08:07",
        id: 54,
        created: "2022-07-19 08:44:34.906000",
      }),
    ).toEqual({
      ok: true,
      value: {
        id: "54",
        scope: "PROJECT",
        user_id: "f25a",
        project_id: "10",
        private_comment: "Many mistakes",
        will_expire: "2016-04-10T18:08:07.000",
        created: "2022-07-19T08:44:34.906",
      },
    });
    expect(readRestriction({ id: "1", scope: "GALAXY" })).toMatchObject({ ok: true, value: { scope: "GALAXY" } });
    expect(readRestriction({ id: "1" })).toMatchObject({ ok: true, value: { scope: "UNKNOWN" } });
  });

  it("reads a bonus's amount exactly, and sets aside one without an amount", () => {
    const r = readBonus({
      user_id: "a1b0",
      amount: 0.5,
      private_comment: "Good job!",
      public_title: { EN: "Perfect job!" },
      public_message: { EN: "You are the best!" },
      without_message: false,
      assignment_id: "000015fccc--63bfc4c358d7a46c32a7b233",
      id: "3139",
      created: "2023-01-12T13:45:36.767",
    });
    expect(r).toMatchObject({ ok: true, value: { id: "3139", mills: 500, public_title: { EN: "Perfect job!" } } });
    expect(readBonus({ id: 1, amount: "0.005" })).toMatchObject({ ok: true, value: { mills: 5 } });
    expect(readBonus({ id: 1, amount: null })).toMatchObject({ ok: false });
    expect(formatMills(toMills(0.1) + toMills(0.2))).toBe("0.30");
    expect(formatMills(5)).toBe("0.005");
    expect(formatMills(123_450)).toBe("123.45");
  });

  it("reads an assignment's tasks and answers as text, and never guesses a missing status", () => {
    const r = readAssignment({
      id: "00022cfa46--637cf4098ccdeb4a260737de",
      pool_id: 36502086,
      user_id: "d26d",
      status: "rejected",
      reward: 0.01,
      tasks: [{ id: "t1", input_values: { image: "https://example.com/image1.jpg", n: 3 } }],
      solutions: [{ output_values: { result: "cat", boxes: [1, 2] } }],
      created: "2022-11-22T16:08:41.802",
      submitted: "2022-11-22T16:09:08.603",
      rejected: "2022-11-23T10:00:00",
      public_comment: "Wrong label",
      owner: { id: "6c6e", myself: true },
    });
    expect(r).toMatchObject({
      ok: true,
      value: {
        pool_id: "36502086",
        status: "REJECTED",
        reward_mills: 10,
        rejected: "2022-11-23T10:00:00.000",
        answers: [{ input: { image: "https://example.com/image1.jpg", n: "3" }, output: { result: "cat", boxes: "[1,2]" } }],
      },
    });
    expect(readAssignment({ id: "x" })).toMatchObject({ ok: true, value: { status: "UNKNOWN" } });
  });

  it("reads the requester's balance, and a page item by item", () => {
    expect(readRequester({ id: "566e", balance: 121.3, public_name: { EN: "Jack Smith" }, company: { id: "e" } })).toEqual({
      ok: true,
      value: { id: "566e", balance_mills: 121_300, public_name: { EN: "Jack Smith" } },
    });
    const page = readListPage({ items: [{ id: 1, amount: 1 }, { id: 2 }, "junk"], has_more: null }, 3, readBonus);
    expect(page).toMatchObject({ ok: true, value: { items: [{ id: "1", mills: 1000 }], has_more: true } });
    if (page.ok) expect(page.value.unreadable).toHaveLength(2);
    expect(readListPage({ items: {} }, 100, readBonus)).toMatchObject({ ok: false });
  });
});
