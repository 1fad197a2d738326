import { apiRoute } from "@/lib/api/route";
import { notifyTestResultSchema } from "@/lib/schemas/notifications";
import { services } from "@/lib/services";

export const dynamic = "force-dynamic";

/** "Send a test": an email to the admin and a POST to the webhook, now, and what each way answered. */
export const POST = apiRoute({ role: "admin", response: notifyTestResultSchema }, async ({ user }) => services().notify.sendTest(user));
