import crypto from "node:crypto";
import { env } from "@/lib/env";
import { deliverDueEmails } from "@/lib/notifications/deliver-emails";
import { mailTransportFromEnvironment } from "@/lib/notifications/mail-transport";
import { runScheduledNotifications } from "@/lib/notifications/run-scheduled-notifications";

const SCHEDULE_EVERY_MS = 60_000;

/**
 * Runs in every instance: sends due emails every ACCORD_MAIL_POLL_SECONDS and looks for due
 * reminders every minute. Instances coordinate through the database (claims and unique keys),
 * so no leader is needed. Returns a function that stops it.
 */
export function startNotificationWorker(): () => void {
  const transport = mailTransportFromEnvironment();
  const instanceId = crypto.randomUUID();
  let isDelivering = false;
  let isScheduling = false;
  const deliver = async () => {
    if (isDelivering) return;
    isDelivering = true;
    try {
      await deliverDueEmails({ transport, instanceId });
    } catch (error) {
      console.warn(`[notifications] delivery round failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      isDelivering = false;
    }
  };
  const schedule = async () => {
    if (isScheduling) return;
    isScheduling = true;
    try {
      await runScheduledNotifications();
    } catch (error) {
      console.warn(`[notifications] scheduled run failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      isScheduling = false;
    }
  };
  const deliveryTimer = setInterval(() => void deliver(), env().ACCORD_MAIL_POLL_SECONDS * 1000);
  const scheduleTimer = setInterval(() => void schedule(), SCHEDULE_EVERY_MS);
  deliveryTimer.unref();
  scheduleTimer.unref();
  void schedule();
  return () => {
    clearInterval(deliveryTimer);
    clearInterval(scheduleTimer);
    transport.close();
  };
}
