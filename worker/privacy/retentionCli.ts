import { loadConfig } from '../config';
import { connectMongo } from '../store/mongo';
import { retentionSweep } from './retention';
import { retentionSettings } from './retentionSchedule';

export const retentionUsage = 'npm run privacy -- retention --dry-run';

/**
 * `npm run privacy -- retention --dry-run`: what the retention schedule would erase and purge
 * now, with this configuration's settings, as JSON on stdout (a summary on stderr). Changes
 * nothing: the purge itself is the schedule's (README "Personal data").
 */
export async function retentionCommand(args: string[]): Promise<number> {
  if (!args.includes('--dry-run')) {
    console.error(`usage: ${retentionUsage}`);
    return 2;
  }
  const config = loadConfig();
  const mongo = await connectMongo(config.MONGODB_URI);
  try {
    const settings = retentionSettings(config);
    const report = await retentionSweep(mongo.db, settings, new Date(), true);
    process.stdout.write(`${JSON.stringify({ settings, ...report }, null, 2)}\n`);
    process.stderr.write(
      `would erase ${report.inactive.length} customers with no contact since ${report.cutoff}, ` +
        `delete ${report.attachments} attachments older than ${settings.attachmentDays} days ` +
        `and empty ${report.outboxBodies} sent messages older than ${settings.outboxBodyDays} days\n`,
    );
    return 0;
  } finally {
    await mongo.close();
  }
}
