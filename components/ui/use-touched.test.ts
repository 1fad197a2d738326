import { describe, expect, it, vi } from "vitest";
import type { FocusEvent } from "react";
import { emailError, errorAria } from "./field-error";
import { FOCUS_ON_ERROR, firstInvalid, shownErrors, shows, touchedReducer, UNTOUCHED, watchField } from "./use-touched";

function blur(inside: boolean, relatedTarget: unknown = {}): FocusEvent {
  return { relatedTarget, currentTarget: { contains: () => inside } } as unknown as FocusEvent;
}

describe("which errors show", () => {
  it("shows none before anything is touched, then those of the touched fields", () => {
    let s = UNTOUCHED;
    const errors = { email: "Enter an email address.", name: "Enter their name.", role: undefined };
    expect(shownErrors(s, errors)).toEqual({});
    s = touchedReducer(s, { type: "touch", key: "email" });
    expect(shows(s, "email")).toBe(true);
    expect(shows(s, "name")).toBe(false);
    expect(shownErrors(s, errors)).toEqual({ email: "Enter an email address." });
  });

  it("shows every error after a submit attempt, and follows the errors as they change", () => {
    const s = touchedReducer(UNTOUCHED, { type: "attempt" });
    expect(shownErrors(s, { email: "bad", name: "missing" })).toEqual({ email: "bad", name: "missing" });
    // Fixed: the error is no longer there to show.
    expect(shownErrors(s, { email: undefined, name: "missing" })).toEqual({ name: "missing" });
    expect(shows(s, "anything")).toBe(true);
  });

  it("forgets everything on reset, and keeps the same state when nothing changes", () => {
    const touched = touchedReducer(touchedReducer(UNTOUCHED, { type: "touch", key: "a" }), { type: "attempt" });
    expect(touchedReducer(touched, { type: "touch", key: "a" })).toBe(touched);
    expect(touchedReducer(touched, { type: "attempt" })).toBe(touched);
    const reset = touchedReducer(touched, { type: "reset" });
    expect(reset).toEqual(UNTOUCHED);
    expect(shows(reset, "a")).toBe(false);
    expect(touchedReducer(UNTOUCHED, { type: "reset" })).toBe(UNTOUCHED);
  });
});

describe("a field's watch", () => {
  it("touches the field when it is left after the user typed, clicked or pressed a key in it", () => {
    for (const how of ["onInput", "onPointerDown", "onKeyDown"] as const) {
      const touch = vi.fn();
      const w = watchField("ids", new Set(), touch);
      w[how]();
      w.onBlur(blur(false));
      expect(touch).toHaveBeenCalledWith("ids");
    }
  });

  it("does not touch a field that only had the focus it was given (autofocus), nor on a move inside its container", () => {
    const touch = vi.fn();
    const visited = new Set<string>();
    const w = watchField("topic", visited, touch);
    w.onBlur(blur(false));
    w.onBlur(blur(false, null));
    expect(touch).not.toHaveBeenCalled();
    w.onInput();
    w.onBlur(blur(true));
    expect(touch).not.toHaveBeenCalled();
    w.onBlur(blur(false, null));
    expect(touch).toHaveBeenCalledOnce();
  });
});

describe("the focus after a refused submit", () => {
  it("goes to the first invalid field or the element standing for a problem", () => {
    const field = { focus: vi.fn() };
    const root = { querySelector: vi.fn(() => field) };
    expect(firstInvalid(root as unknown as ParentNode)).toBe(field);
    expect(root.querySelector).toHaveBeenCalledWith(FOCUS_ON_ERROR);
    expect(firstInvalid({ querySelector: () => null })).toBeNull();
    expect(firstInvalid(null)).toBeNull();
  });
});

describe("a field's error attributes", () => {
  it("mark the field invalid and link the error only while it shows", () => {
    expect(errorAria("e1", undefined)).toEqual({ "aria-invalid": undefined, "aria-describedby": undefined });
    expect(errorAria("e1", "Write a subject.")).toEqual({ "aria-invalid": true, "aria-describedby": "e1" });
    expect(errorAria("e1", undefined, "hint")).toEqual({ "aria-invalid": undefined, "aria-describedby": "hint" });
    expect(errorAria("e1", "Too short", "hint")).toEqual({ "aria-invalid": true, "aria-describedby": "hint e1" });
  });
});

describe("an email field's error", () => {
  it("asks for one when empty and refuses what a browser's email input refuses", () => {
    expect(emailError("")).toBe("Enter an email address.");
    expect(emailError("  ", "Enter their email.")).toBe("Enter their email.");
    expect(emailError("not-an-email")).toMatch(/not an email address/);
    expect(emailError("a@b")).toBeUndefined();
    expect(emailError("ivy.invitee+1@team.example")).toBeUndefined();
    expect(emailError("a b@team.example")).toMatch(/not an email address/);
  });
});
