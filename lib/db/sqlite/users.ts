import "server-only";
import { statement, type Db } from "../connection";
import { isLocale } from "@/lib/i18n/locales";
import { PERMISSIONS, type Permission } from "@/lib/schemas/plain";
import type { Role } from "@/lib/schemas/roles";
import type { NewUser, TeamChange, UserPatch, UserRecord, UserRepository } from "../types";

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  permissions: string;
  password_hash: string | null;
  must_change_password: number;
  invite_hash: string | null;
  invite_expires_at: string | null;
  oidc_subject: string | null;
  demo: number;
  session_version: number;
  created_at: string;
  created_by: string | null;
  updated_at: string;
  last_sign_in_at: string | null;
  locale: string | null;
}

/** The stored JSON list, keeping only permissions this version knows (one from a later version is dropped). */
function readPermissions(json: string): Permission[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? PERMISSIONS.filter((p) => v.includes(p)) : [];
  } catch {
    return [];
  }
}

function toUser(r: UserRow): UserRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    permissions: readPermissions(r.permissions),
    passwordHash: r.password_hash,
    mustChangePassword: r.must_change_password === 1,
    inviteHash: r.invite_hash,
    inviteExpiresAt: r.invite_expires_at,
    oidcSubject: r.oidc_subject,
    demo: r.demo === 1,
    sessionVersion: r.session_version,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    lastSignInAt: r.last_sign_in_at,
    locale: isLocale(r.locale) ? r.locale : null,
  };
}

const PATCH_COLUMNS: Record<keyof UserPatch, string> = {
  name: "name",
  passwordHash: "password_hash",
  mustChangePassword: "must_change_password",
  inviteHash: "invite_hash",
  inviteExpiresAt: "invite_expires_at",
  oidcSubject: "oidc_subject",
  lastSignInAt: "last_sign_in_at",
  locale: "locale",
};

/** The team's accounts. Changes that could leave the team without an admin check and act in one transaction. */
export class SqliteUserRepository implements UserRepository {
  constructor(private readonly db: Db) {}

  private prepare(sql: string) {
    return statement(this.db, sql);
  }

  count(filter: { role?: Role; demo?: boolean } = {}): number {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.role) {
      where.push("role = ?");
      args.push(filter.role);
    }
    if (filter.demo !== undefined) {
      where.push("demo = ?");
      args.push(filter.demo ? 1 : 0);
    }
    return this.prepare(`SELECT COUNT(*) FROM users ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`)
      .pluck()
      .get(...args) as number;
  }

  list(): UserRecord[] {
    return (this.prepare("SELECT * FROM users ORDER BY email").all() as UserRow[]).map(toUser);
  }

  get(id: string): UserRecord | null {
    const r = this.prepare("SELECT * FROM users WHERE id = ?").get(id) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  getByEmail(email: string): UserRecord | null {
    const r = this.prepare("SELECT * FROM users WHERE email = ?").get(email.trim()) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  getByInviteHash(hash: string): UserRecord | null {
    const r = this.prepare("SELECT * FROM users WHERE invite_hash = ?").get(hash) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  getByOidcSubject(subject: string): UserRecord | null {
    const r = this.prepare("SELECT * FROM users WHERE oidc_subject = ?").get(subject) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  private insert(u: NewUser): UserRecord | null {
    const now = new Date().toISOString();
    const res = this.db
      .prepare(
        `INSERT INTO users (id, email, name, role, password_hash, must_change_password, invite_hash, invite_expires_at,
           oidc_subject, demo, created_at, created_by, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(
        u.id,
        u.email.trim(),
        u.name,
        u.role,
        u.passwordHash ?? null,
        u.mustChangePassword ? 1 : 0,
        u.inviteHash ?? null,
        u.inviteExpiresAt ?? null,
        u.oidcSubject ?? null,
        u.demo ? 1 : 0,
        now,
        u.createdBy ?? null,
        now,
      );
    return res.changes === 1 ? this.get(u.id) : null;
  }

  create(user: NewUser): UserRecord | null {
    return this.insert(user);
  }

  createIfNoAdmin(user: NewUser): UserRecord | null {
    return this.db.transaction(() => (this.count({ role: "admin", demo: false }) === 0 ? this.insert(user) : null)).immediate();
  }

  update(id: string, patch: UserPatch): UserRecord | null {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined) as [keyof UserPatch, unknown][];
    if (entries.length > 0) {
      const sets = entries.map(([k]) => `${PATCH_COLUMNS[k]} = ?`).join(", ");
      const values = entries.map(([, v]) => (typeof v === "boolean" ? (v ? 1 : 0) : v));
      this.prepare(`UPDATE users SET ${sets}, updated_at = ? WHERE id = ?`).run(...values, new Date().toISOString(), id);
    }
    return this.get(id);
  }

  private admins(): number {
    return this.prepare("SELECT COUNT(*) FROM users WHERE role = 'admin'").pluck().get() as number;
  }

  setPermissions(id: string, permissions: Permission[]): boolean {
    const list = PERMISSIONS.filter((p) => permissions.includes(p));
    return this.prepare("UPDATE users SET permissions = ?, updated_at = ? WHERE id = ?").run(JSON.stringify(list), new Date().toISOString(), id).changes > 0;
  }

  setRole(id: string, role: Role): TeamChange {
    return this.db
      .transaction((): TeamChange => {
        const u = this.get(id);
        if (!u) return "missing";
        if (u.role === "admin" && role !== "admin" && this.admins() <= 1) return "last-admin";
        this.prepare("UPDATE users SET role = ?, updated_at = ? WHERE id = ?").run(role, new Date().toISOString(), id);
        return "ok";
      })
      .immediate();
  }

  delete(id: string): TeamChange {
    return this.db
      .transaction((): TeamChange => {
        const u = this.get(id);
        if (!u) return "missing";
        if (u.role === "admin" && this.admins() <= 1) return "last-admin";
        this.prepare("DELETE FROM users WHERE id = ?").run(id);
        return "ok";
      })
      .immediate();
  }

  bumpSessionVersion(id: string): number | null {
    const r = this.db
      .prepare("UPDATE users SET session_version = session_version + 1, updated_at = ? WHERE id = ? RETURNING session_version")
      .pluck()
      .get(new Date().toISOString(), id) as number | undefined;
    return r ?? null;
  }

  deleteDemo(): number {
    return this.prepare("DELETE FROM users WHERE demo = 1").run().changes;
  }
}
