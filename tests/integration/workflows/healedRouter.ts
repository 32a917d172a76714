import { routerStandIn } from './routerStandIn';

export const router = routerStandIn(false);
