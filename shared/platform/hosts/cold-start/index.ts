export { LightHeaders } from './light-headers.ts';
export { LightRequest } from './light-request.ts';
export { LightResponse } from './light-response.ts';
export { lightFetch } from './light-fetch.ts';
