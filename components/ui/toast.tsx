"use client";

import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { IconButton } from "./icon-button";
import { LinkButton } from "./link-button";

interface Toast {
  id: number;
  message: string;
  tone: "error" | "info";
  action?: { label: string; run: () => void };
}

interface ToastApi {
  error(message: string, action?: Toast["action"]): void;
  info(message: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** Toasts in a polite live region; errors stay until dismissed, notes go after a few seconds. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const words = useTranslations("common");
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((t) => t.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (toast: Omit<Toast, "id">) => {
      const id = next.current++;
      setToasts((t) => [...t.slice(-3), { ...toast, id }]);
      if (toast.tone === "info") setTimeout(() => dismiss(id), 4000);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({ error: (message, action) => push({ message, tone: "error", action }), info: (message) => push({ message, tone: "info" }) }),
    [push],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-[min(24rem,calc(100vw-2rem))] flex-col gap-2">
        {toasts.map((t) => (
          <div
            key={t.id}
            data-testid={t.tone === "error" ? "toast-error" : "toast-info"}
            className={`pointer-events-auto flex items-start gap-3 rounded-lg border p-3 text-sm shadow-lg ${
              t.tone === "error"
                ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
                : "border-zinc-200 bg-white text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
            }`}
          >
            <p className="flex-1">{t.message}</p>
            {t.action && (
              <LinkButton
                className="font-medium"
                onClick={() => {
                  t.action!.run();
                  dismiss(t.id);
                }}
              >
                {t.action.label}
              </LinkButton>
            )}
            <IconButton aria-label={words("dismiss")} tone="inherit" onClick={() => dismiss(t.id)}>
              ×
            </IconButton>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a ToastProvider");
  return api;
}
