import type { SessionUser } from '$lib/user';
import type { Lang } from '$rules/model/channel';

declare global {
  namespace App {
    interface Error {
      message: string;
    }
    interface Locals {
      /** The signed-in user, resolved from the session cookie in hooks.server.ts. */
      user: SessionUser | null;
      /** The UI language: the user's, else the language cookie, else the browser's. */
      lang: Lang;
    }
    interface PageData {
      user: SessionUser | null;
      lang: Lang;
    }
  }
}

export {};
