import { z } from 'zod';
import { withService } from '../connect';
import { defineCommand } from '../defineCommand';
import { IdArg, idOption } from '../options';
import { print, table, timestamp } from '../print';

export const historyCommand = defineCommand({
  usage: 'history [--id ID]',
  summary: 'the published versions, newest first',
  options: { ...idOption },
  schema: z.object({ id: IdArg }),
  run: ({ id }) =>
    withService(async (service) => {
      const rows = (await service.history(id)).map((v) => [
        String(v.version),
        timestamp(v.publishedAt),
        v.author,
        v.copiedFrom === null ? v.comment : `${v.comment} (copy of version ${v.copiedFrom})`,
      ]);
      print(...table(['version', 'published', 'by', 'comment'], rows));
      return 0;
    }),
});
