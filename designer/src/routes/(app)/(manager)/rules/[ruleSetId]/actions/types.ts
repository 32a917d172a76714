import type { Action, ActionType } from '$rules/model/actions';

/** The action of one type, for the editor of that type. */
export type ActionOf<T extends ActionType> = Extract<Action, { type: T }>;
