import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { withService } from '../connect';
import { defineCommand } from '../defineCommand';
import { IdArg, idOption, VersionArg } from '../options';
import { print } from '../print';

export const exportCommand = defineCommand({
  usage: 'export [--id ID] [--version N|draft] [--out FILE]',
  summary: 'a version as git-reviewable JSON (the latest published one by default)',
  options: { ...idOption, version: { type: 'string' }, out: { type: 'string' } },
  schema: z.object({ id: IdArg, version: VersionArg.optional(), out: z.string().optional() }),
  run: ({ id, version, out }) =>
    withService(async (service) => {
      const json = await service.exportRuleSet(id, version);
      if (!out) {
        process.stdout.write(json);
        return 0;
      }
      await writeFile(out, json);
      const { version: written } = JSON.parse(json) as { version: number };
      print(
        `Wrote ${written === 0 ? 'the draft' : `version ${written}`} of rule set ${id} to ${out}`,
      );
      return 0;
    }),
});
