import { main } from './main';

/** `npm run rules -- <command>`: export, import, test, publish and roll back rule sets. */
process.exitCode = await main(process.argv.slice(2));
