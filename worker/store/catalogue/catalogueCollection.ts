import type { Collection, Db } from 'mongodb';
import type { z } from 'zod';
import { type Actor, requireManager } from '../../rules/actor';
import { InvalidInputError, NotFoundError } from '../../rules/errors';
import { zodProblems } from '../../rules/zodProblems';
import { insertOnce } from '../mongo';
import { parseDoc, parseDocOrNull } from '../parseDoc';
import { type CatalogueAuditStore, type CatalogueKind } from './catalogueAudit';
import { auditNames } from './auditNames';
import { describeChanges } from './describeChanges';

export interface SaveResult<T> {
  doc: T;
  created: boolean;
  /** False when the document already held exactly this: nothing was written or audited. */
  changed: boolean;
}

/**
 * One collection of the routing catalogue: documents checked by their zod schema on the way in
 * and out, written by managers only, every change in the catalogue audit.
 */
export class CatalogueCollection<T extends { _id: string }> {
  readonly col: Collection<{ _id: string }>;

  constructor(
    private readonly db: Db,
    readonly name: string,
    readonly kind: CatalogueKind,
    private readonly schema: z.ZodType<T>,
    private readonly audit: CatalogueAuditStore,
  ) {
    this.col = db.collection<{ _id: string }>(name);
  }

  /** By id: ids are short slugs, and the UI sorts by label in the user's language anyway. */
  async list(): Promise<T[]> {
    const docs = await this.col.find({}).sort({ _id: 1 }).toArray();
    return docs.map((doc) => parseDoc(this.schema, this.name, doc));
  }

  async ids(): Promise<string[]> {
    const docs = await this.col.find({}, { projection: { _id: 1 } }).toArray();
    return docs.map((doc) => doc._id);
  }

  async get(id: string): Promise<T | null> {
    return parseDocOrNull(this.schema, this.name, await this.col.findOne({ _id: id }));
  }

  /** `input` comes from a form or a request; with `mustBeNew`, an existing id is refused. */
  async save(input: unknown, actor: Actor, mustBeNew = false): Promise<SaveResult<T>> {
    const who = requireManager(actor, `edit the ${this.kind}s`);
    const doc = this.parse(input);
    const before = await this.get(doc._id);
    if (before && mustBeNew) throw this.taken(doc._id, 'already exists');
    const diff = describeChanges(before, doc, await auditNames(this.db));
    if (before && diff.en.length === 0) return { doc, created: false, changed: false };
    if (before) await this.col.replaceOne({ _id: doc._id }, doc);
    else if (!(await insertOnce(this.col, doc)))
      throw this.taken(doc._id, 'was just created by someone else');
    await this.audit.append(who, this.kind, doc._id, before ? 'update' : 'create', diff);
    return { doc, created: !before, changed: true };
  }

  /** Creates the document unless its id exists, whoever made it: the seed's way. */
  async saveIfNew(input: unknown, actor: Actor): Promise<boolean> {
    const who = requireManager(actor, `edit the ${this.kind}s`);
    const doc = this.parse(input);
    if (!(await insertOnce(this.col, doc))) return false;
    const diff = describeChanges(null, doc, await auditNames(this.db));
    await this.audit.append(who, this.kind, doc._id, 'create', diff);
    return true;
  }

  /** Deletes without asking who uses it: the stores check that first. */
  async delete(id: string, actor: Actor): Promise<void> {
    const who = requireManager(actor, `remove ${this.kind}s`);
    const before = await this.get(id);
    if (!before) throw new NotFoundError(`${this.kind} "${id}"`);
    await this.col.deleteOne({ _id: id });
    const diff = describeChanges(null, before, await auditNames(this.db));
    await this.audit.append(who, this.kind, id, 'remove', diff);
  }

  private parse(input: unknown): T {
    const parsed = this.schema.safeParse(input);
    if (!parsed.success)
      throw new InvalidInputError(`invalid ${this.kind}`, zodProblems(parsed.error));
    return parsed.data;
  }

  private taken(id: string, why: string): InvalidInputError {
    return new InvalidInputError(`invalid ${this.kind}`, [
      { path: '_id', message: `"${id}" ${why}` },
    ]);
  }
}
