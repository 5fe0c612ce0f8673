import { ConfigError, loadConfig } from '@blue-ocean/composition';
import { createGateway } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createGateway(config);
  await app.listen(config.port, '0.0.0.0');
  console.log(JSON.stringify({ level: 'info', msg: `Blue Ocean is listening on http://localhost:${config.port}/graphql` }));
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
