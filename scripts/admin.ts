// `npm run admin -- <command>`: manage the team's accounts from a shell on the server (the app may be running).
//
//   create-admin --email you@example.com [--name "Your Name"] [--password-stdin | --password <pw> | --sso]
//   list
//   reset --email someone@example.com          a temporary password to hand over; sessions end
//
// It reads the same environment as the app (DATA_DIR, ...), through lib/config. The app's modules start with
// `import "server-only"`, which throws unless the `react-server` export condition is active, so the script
// re-runs itself under `--conditions=react-server` (as scripts/seed.ts does).
import { spawnSync } from "node:child_process";

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-admin --email EMAIL [--name NAME] [--password-stdin | --password PW | --sso]
      Creates an admin account (the first one ends demo mode). Without a password option it asks for one
      (twice, not echoed). --password-stdin reads it from the first line of standard input; --password puts
      it in your shell history: prefer the others. --sso creates an account that signs in only by single
      sign-on with that email.
  list
      Lists the team.
  reset --email EMAIL
      Gives the member a temporary password (to change at the next sign-in) and ends their sessions.

The data directory is DATA_DIR (default ./data), as for the app.`;

if (!process.execArgv.some((a) => a.includes("react-server"))) {
  const res = spawnSync(process.execPath, [...process.execArgv, "--conditions=react-server", ...process.argv.slice(1)], { stdio: "inherit" });
  process.exit(res.status ?? 1);
}

function flag(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const [, inline] = args[i].split(/=(.*)/s);
  return inline ?? args[i + 1];
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
}

async function promptHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error("No terminal to ask for a password: use --password-stdin.");
  process.stdout.write(question);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  let value = "";
  return new Promise((resolve, reject) => {
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off("data", onData);
          process.stdout.write("\n");
          return resolve(value);
        }
        if (ch === "\u0003") {
          process.stdin.setRawMode(false);
          return reject(new Error("Cancelled."));
        }
        if (ch === "\u007f") value = value.slice(0, -1);
        else value += ch;
      }
    };
    process.stdin.on("data", onData);
  });
}

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command || command === "--help" || command === "-h") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const { ApiError } = await import("@/lib/api/errors");
  const { getStore } = await import("@/lib/db");
  const team = await import("@/lib/auth/team");
  const { emailSchema, personNameSchema } = await import("@/lib/schemas/team");
  const { generatePassword, hashPassword } = await import("@/lib/auth/password");
  const { syncDemoAccounts } = await import("@/lib/auth/users");
  try {
    if (command === "create-admin") {
      const email = emailSchema.safeParse(flag(args, "--email"));
      if (!email.success) return fail("--email must be an email address.");
      const name = personNameSchema.safeParse(flag(args, "--name") ?? email.data.split("@")[0]);
      if (!name.success) return fail("--name must be 1 to 120 characters.");
      let password: string | undefined;
      if (args.includes("--sso")) password = undefined;
      else if (args.includes("--password-stdin")) password = await readStdinLine();
      else if (flag(args, "--password") !== undefined) password = flag(args, "--password");
      else {
        password = await promptHidden("Password (at least 12 characters): ");
        if ((await promptHidden("Again: ")) !== password) return fail("The two passwords differ.");
      }
      const created = await team.createAdmin({ email: email.data, name: name.data, password }, { firstOnly: false, by: "command line" });
      console.log(`Created admin ${created.email}${password === undefined ? " (single sign-on only)" : ""}. Sign in at the app's /sign-in page.`);
      return 0;
    }
    if (command === "list") {
      await syncDemoAccounts();
      for (const u of getStore().users.list()) {
        const how = [u.passwordHash ? "password" : null, u.oidcSubject ? "sso" : null, u.inviteHash ? "invited" : null].filter(Boolean).join("+") || "-";
        console.log(`${u.role.padEnd(6)}  ${u.email.padEnd(32)}  ${u.name}  [${how}]${u.demo ? " (demo)" : ""}`);
      }
      return 0;
    }
    if (command === "reset") {
      const email = emailSchema.safeParse(flag(args, "--email"));
      if (!email.success) return fail("--email must be an email address.");
      const store = getStore();
      const u = store.users.getByEmail(email.data);
      if (!u) return fail(`${email.data} is not on the team.`);
      const temporary = generatePassword();
      store.users.update(u.id, { passwordHash: await hashPassword(temporary), mustChangePassword: true, inviteHash: null, inviteExpiresAt: null });
      store.users.bumpSessionVersion(u.id);
      console.log(`Temporary password for ${u.email}: ${temporary}\nIt must be changed at the next sign-in; every session of ${u.email} has ended.`);
      return 0;
    }
    return fail(`Unknown command ${command}.\n\n${USAGE}`);
  } catch (error) {
    if (error instanceof ApiError) return fail(error.fields ? `${error.message}` : error.message);
    throw error;
  }
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
