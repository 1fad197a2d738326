import { afterAll, beforeAll, describe as group, expect, it } from "vitest";
import { getStore } from "@/lib/db";
import { negotiateLocale } from "@/lib/i18n/locales";
import { expectError, startApp, type App, type Handler } from "./harness";

/* A member's interface language: saved by PUT /api/account/language, kept per member, refused when unknown. */

let app: App;
let route: { PUT: Handler };

beforeAll(async () => {
  app = await startApp();
  route = (await import("@/app/api/account/language/route")) as unknown as typeof route;
});
afterAll(async () => {
  await app?.close();
});

const put = async (user: string | null, body: unknown) => route.PUT(await app.request(user, "/api/account/language", { method: "PUT", body }));

group("PUT /api/account/language", () => {
  it("keeps each member's choice, and null follows the browser again", async () => {
    const viewer = await app.member("viewer");
    const other = await app.member("sender");
    const res = await put(viewer, { locale: "ru" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ locale: "ru" });
    expect(getStore().users.get(viewer)?.locale).toBe("ru");
    expect(getStore().users.get(other)?.locale).toBeNull();
    expect(await (await put(viewer, { locale: null })).json()).toEqual({ locale: null });
    expect(getStore().users.get(viewer)?.locale).toBeNull();
  });

  it("refuses a language the app does not speak, naming the field, and a request without a session", async () => {
    const viewer = await app.member("viewer");
    await expectError(await put(viewer, { locale: "de" }), 400, "locale");
    await expectError(await put(viewer, {}), 400, "locale");
    await expectError(await put(null, { locale: "ru" }), 401);
    expect(getStore().users.get(viewer)?.locale).toBeNull();
  });
});

group("errors in the member's language", () => {
  it("answers in Russian to a Russian member, or to a Russian browser without a session, still naming the field", async () => {
    const viewer = await app.member("viewer");
    await put(viewer, { locale: "ru" });
    const bad = await put(viewer, { locale: "de" });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("BAD_REQUEST");
    expect(body.error.message).toBe("Неверные данные: locale.");
    expect(Object.keys(body.error.fields)).toEqual(["locale"]);

    const anonymous = await route.PUT(
      await app.request(null, "/api/account/language", { method: "PUT", body: { locale: "ru" }, headers: { "accept-language": "ru-RU,ru;q=0.9" } }),
    );
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toBe("Войдите, чтобы продолжить.");
  });

  it("keeps the English detail for an English member", async () => {
    const viewer = await app.member("viewer");
    const body = (await (await put(viewer, { locale: "de" })).json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/^Invalid locale: /);
  });
});

group("negotiateLocale", () => {
  it("takes the browser's first language the app speaks, by q-value, else English", () => {
    expect(negotiateLocale("ru-RU,ru;q=0.9,en-US;q=0.8")).toBe("ru");
    expect(negotiateLocale("de-DE,de;q=0.9,ru;q=0.5,en;q=0.4")).toBe("ru");
    expect(negotiateLocale("en;q=0.3, ru;q=0.7")).toBe("ru");
    expect(negotiateLocale("fr,de")).toBe("en");
    expect(negotiateLocale("ru;q=0")).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
  });
});
