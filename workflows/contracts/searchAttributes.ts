import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Search attributes that make cases findable in the Temporal UI; servers must register them. */
export const searchAttributeKeys = {
  customerId: defineSearchAttributeKey('RelaisCustomerId', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('RelaisStatus', SearchAttributeType.KEYWORD),
  priority: defineSearchAttributeKey('RelaisPriority', SearchAttributeType.INT),
  queue: defineSearchAttributeKey('RelaisQueue', SearchAttributeType.KEYWORD),
  channel: defineSearchAttributeKey('RelaisChannel', SearchAttributeType.KEYWORD),
};

/** "Name=Type" pairs, as `temporal server start-dev --search-attribute` takes them. */
export const searchAttributeCliArgs = (): string[] =>
  Object.values(searchAttributeKeys).map(
    (k) => `${k.name}=${k.type === SearchAttributeType.INT ? 'Int' : 'Keyword'}`,
  );
