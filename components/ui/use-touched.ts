"use client";

import { useCallback, useEffect, useReducer, useRef, type FocusEvent, type RefObject } from "react";

/**
 * When a form shows its errors: a field's error once the field was touched (the user changed or visited it, then
 * left it), every error once the user tried to submit. Errors are still worked out on every render, so one that
 * shows follows what is typed and goes when it is fixed; this only decides which of them are shown.
 */
export interface TouchedState {
  /** The fields the user left after changing or visiting them. */
  touched: ReadonlySet<string>;
  /** The user tried to submit: every error shows. */
  attempted: boolean;
}

export type TouchedAction = { type: "touch"; key: string } | { type: "attempt" } | { type: "reset" };

export const UNTOUCHED: TouchedState = { touched: new Set(), attempted: false };

export function touchedReducer(state: TouchedState, action: TouchedAction): TouchedState {
  switch (action.type) {
    case "touch":
      return state.touched.has(action.key) ? state : { ...state, touched: new Set([...state.touched, action.key]) };
    case "attempt":
      return state.attempted ? state : { ...state, attempted: true };
    case "reset":
      return state.touched.size === 0 && !state.attempted ? state : UNTOUCHED;
  }
}

/** Whether the error of `key` is shown. */
export function shows(state: TouchedState, key: string): boolean {
  return state.attempted || state.touched.has(key);
}

/** The errors that are shown, out of all the form has now (`undefined` for the others). */
export function shownErrors<K extends string>(state: TouchedState, errors: Partial<Record<K, string | undefined>>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [key, message] of Object.entries(errors) as Array<[K, string | undefined]>) if (message && shows(state, key)) out[key] = message;
  return out;
}

/**
 * What a refused submit focuses: the first field marked invalid, or an element that stands for a problem that has
 * no field of its own (an empty filter group's "Add a condition"), marked `data-focus-on-error`.
 */
export const FOCUS_ON_ERROR = '[aria-invalid="true"], [data-focus-on-error]';

export function firstInvalid(root: Pick<ParentNode, "querySelector"> | null | undefined): HTMLElement | null {
  return (root?.querySelector(FOCUS_ON_ERROR) as HTMLElement | null) ?? null;
}

/** The handlers that watch one field (or a group of fields, on their container). */
export interface FieldWatch {
  onInput: () => void;
  onPointerDown: () => void;
  onKeyDown: () => void;
  onBlur: (e: FocusEvent) => void;
}

/**
 * Handlers for `key`: typing, a click or a key press in it makes it visited; leaving it while visited touches
 * it. Focus the user did not give (the subject field's autofocus) leaves nothing touched, and a move between
 * two inputs of one container does not count as leaving it.
 */
export function watchField(key: string, visited: Set<string>, touch: (key: string) => void): FieldWatch {
  const visit = () => void visited.add(key);
  return {
    onInput: visit,
    onPointerDown: visit,
    onKeyDown: visit,
    onBlur: (e) => {
      const next = e.relatedTarget as Node | null;
      if (next && e.currentTarget.contains(next)) return;
      if (visited.has(key)) touch(key);
    },
  };
}

export interface Touched {
  state: TouchedState;
  attempted: boolean;
  shows: (key: string) => boolean;
  errors: <K extends string>(errors: Partial<Record<K, string | undefined>>) => Partial<Record<K, string>>;
  /** Spread on a field, or on a container of fields: `<input {...t.field("email")} />`. */
  field: (key: string) => FieldWatch;
  touch: (key: string) => void;
  /** A submit: every error shows, and after the render the first invalid field in `ref` gets the focus. */
  attempt: () => void;
  /** The form was emptied (sent, reopened blank): nothing is touched any more. */
  reset: () => void;
  /** The form (or the element) whose first invalid field a refused submit focuses. */
  ref: RefObject<HTMLFormElement | null>;
}

/**
 * The one way the app's forms decide when a field's error shows. `attempted` from outside adds a submit of an
 * enclosing form (the filter builder is a part of the compose form). Errors from the server are not its concern:
 * they show at once.
 */
export function useTouched({ attempted: outer = false }: { attempted?: boolean } = {}): Touched {
  const [inner, dispatch] = useReducer(touchedReducer, UNTOUCHED);
  const visited = useRef(new Set<string>());
  const ref = useRef<HTMLFormElement | null>(null);
  const [focusAsked, askFocus] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (focusAsked > 0) firstInvalid(ref.current)?.focus();
  }, [focusAsked]);

  const touch = useCallback((key: string) => dispatch({ type: "touch", key }), []);
  const attempt = useCallback(() => {
    dispatch({ type: "attempt" });
    askFocus();
  }, []);
  const reset = useCallback(() => {
    visited.current.clear();
    dispatch({ type: "reset" });
  }, []);
  const state: TouchedState = outer && !inner.attempted ? { ...inner, attempted: true } : inner;
  return {
    state,
    attempted: state.attempted,
    shows: (key) => shows(state, key),
    errors: (errors) => shownErrors(state, errors),
    field: (key) => watchField(key, visited.current, touch),
    touch,
    attempt,
    reset,
    ref,
  };
}
