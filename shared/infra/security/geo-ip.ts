import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Reader, type Response } from 'mmdb-lib';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';

/** The country database: IP ranges to ISO country codes (CC0, from the npm registry, updated with the package). */
const databaseFile = '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb';

export interface GeoIp {
  /** The ISO 3166-1 alpha-2 country of an address, or null (unknown, private, or not an address). */
  countryOf: (ip: string) => string | null;
}

/**
 * Offline country lookup for the detection rules (impossible travel). The database (~8 MB) is read
 * on the first lookup, from node_modules as installed in the image (the working directory is the
 * app's root there and in development), so functions that never look up an address never read it.
 */
export const createGeoIp = (file = createRequire(path.join(process.cwd(), 'package.json')).resolve(databaseFile)): GeoIp => {
  let reader: Reader<Response> | null = null;
  return {
    countryOf: (ip) => {
      reader ??= new Reader<Response>(readFileSync(file));
      try {
        // This database's records are `{ country_code }`, not the MaxMind shapes the library types.
        return (reader.get(ip) as { country_code?: string } | null)?.country_code ?? null;
      } catch {
        return null; // not an IP address (e.g. `unknown`)
      }
    },
  };
};

export const geoIp = defineResource({
  name: 'geo-ip',
  config: defineConfig({ name: 'geo-ip', shape: {}, devDefaults: {} }),
  create: (): GeoIp => createGeoIp(),
});
