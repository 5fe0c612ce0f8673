import { AppConfig, ConfigError, loadConfig } from '@blue-ocean/composition';

/** The same validated configuration as the gateway; `runProjections` set by the entry point. */
export function processorConfig(runProjections: boolean): AppConfig {
  try {
    return { ...loadConfig(), runProjections };
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
}
