import type { Calendar } from '../../rules/model/calendar';
import type { MessageTemplate } from '../../workflows/contracts/templates';
import type { CalendarStore } from '../store/calendars';
import type { TemplateStore } from '../store/templates';

/**
 * How long a calendar or template read is trusted. Managers edit them in the designer, another
 * process that cannot tell the worker, so a short expiry (like the rule provider's) makes an edit
 * count within seconds while a burst of decisions reads each one once, not once per case.
 */
const refreshMs = 2_000;

/** Values by id, each read once per `refreshMs`; concurrent misses share one read. */
class TtlCache<T> {
  private readonly entries = new Map<string, { value: Promise<T>; at: number }>();

  constructor(
    private readonly load: (id: string) => Promise<T>,
    private readonly now: () => number,
  ) {}

  get(id: string): Promise<T> {
    const found = this.entries.get(id);
    if (found && this.now() - found.at < refreshMs) return found.value;
    const value = this.load(id);
    const entry = { value, at: this.now() };
    this.entries.set(id, entry);
    // A failed read is not kept: the next decision asks the store again.
    value.catch(() => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    });
    return value;
  }
}

/** The calendars and message templates decisions use, cached in the worker. */
export class ReferenceCache {
  private readonly calendars: TtlCache<Calendar>;
  private readonly templates: TtlCache<MessageTemplate | null>;

  constructor(
    stores: { calendars: CalendarStore; templates: TemplateStore },
    now: () => number = Date.now,
  ) {
    this.calendars = new TtlCache((id) => stores.calendars.get(id), now);
    this.templates = new TtlCache((id) => stores.templates.get(id), now);
  }

  calendar(id: string): Promise<Calendar> {
    return this.calendars.get(id);
  }

  template(id: string): Promise<MessageTemplate | null> {
    return this.templates.get(id);
  }
}
