/** What a page says to someone whose role does not allow it (instead of controls that could only fail). */
export function Forbidden({ role, what }: { role: string; what: string }) {
  return (
    <div className="h-full overflow-y-auto">
      <div className="mx-auto max-w-3xl px-4 py-8">
        <div
          role="alert"
          className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <h1 className="text-base font-semibold">Not available to you</h1>
          <p className="mt-1">
            {what} needs the {role} role. Ask an admin of your team if you need it.
          </p>
        </div>
      </div>
    </div>
  );
}
