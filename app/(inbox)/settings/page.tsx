import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";

export default async function SettingsPage() {
  const user = await getCurrentUser();
  redirect(user?.role === "admin" ? "/settings/team" : "/settings/account");
}
