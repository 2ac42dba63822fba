import { describe, expect, it } from 'vitest';
import { flowOperationSchema, validateFlow, type FlowDocument } from '../../../shared/flows/index.ts';
import { limits, validFlow } from './fixtures.ts';

/** The valid fixture with `uiMetadata` on its login screen, or a url on its api-call node. */
const withUiMetadata = (uiMetadata: Record<string, string>): FlowDocument => {
  const doc = validFlow();
  Object.assign(doc.nodes[1]!, { uiMetadata });
  return doc;
};
const withApiUrl = (url: string): FlowDocument => {
  const doc = validFlow();
  Object.assign(doc.nodes[2]!, { data: { method: 'POST', url } });
  return doc;
};
const rulesOf = (doc: FlowDocument) => validateFlow(doc, limits).errors.map((found) => found.rule);

const scriptUrls = [
  'javascript:alert(document.cookie)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
];

describe('URLs in a flow document', () => {
  it.each(scriptUrls)('should refuse SCHEMA_VIOLATION when figmaLink is %j', (url) => {
    expect(rulesOf(withUiMetadata({ figmaLink: url }))).toEqual(['SCHEMA_VIOLATION']);
  });

  it.each(scriptUrls)('should refuse SCHEMA_VIOLATION when screenshotUrl is %j', (url) => {
    expect(rulesOf(withUiMetadata({ screenshotUrl: url }))).toEqual(['SCHEMA_VIOLATION']);
  });

  it.each([
    'http://www.figma.com/file/abc',
    'https://evil.example/figma.com',
    'https://figma.com.evil.example/file/abc',
    'https://notfigma.com/file/abc',
  ])('should refuse SCHEMA_VIOLATION when figmaLink is %j (https on a Figma host only)', (url) => {
    expect(rulesOf(withUiMetadata({ figmaLink: url }))).toEqual(['SCHEMA_VIOLATION']);
  });

  it('should refuse SCHEMA_VIOLATION when screenshotUrl is plain http', () => {
    expect(rulesOf(withUiMetadata({ screenshotUrl: 'http://cdn.example/shot.png' }))).toEqual(['SCHEMA_VIOLATION']);
  });

  it.each([
    [{ figmaLink: 'https://www.figma.com/design/AbC123/Checkout?node-id=1-2' }],
    [{ figmaLink: 'https://figma.com/file/AbC123' }],
    [{ figmaLink: 'https://embed.figma.com/proto/AbC123' }],
    [{ screenshotUrl: 'https://cdn.example/shots/login.png' }],
  ])('should accept %j', (uiMetadata) => {
    expect(rulesOf(withUiMetadata(uiMetadata))).toEqual([]);
  });

  it.each(scriptUrls)('should refuse SCHEMA_VIOLATION when an api-call url is %j', (url) => {
    expect(rulesOf(withApiUrl(url))).toEqual(['SCHEMA_VIOLATION']);
  });

  it.each([
    '/api/users/me',
    '/api/workspaces/{workspaceId}/invitations',
    '{{baseUrl}}/login',
    'https://api.example.com/v1/login',
    'http://localhost:8080/login',
  ])('should accept the api-call url %j (documentation: a path or an http(s) URL)', (url) => {
    expect(rulesOf(withApiUrl(url))).toEqual([]);
  });
});

describe('URLs in operations', () => {
  it.each(scriptUrls)('should refuse a LINK_FIGMA whose link is %j', (figmaLink) => {
    expect(flowOperationSchema.safeParse({ type: 'LINK_FIGMA', nodeId: 'login', figmaLink }).success).toBe(false);
  });

  it('should refuse an UPDATE_NODE that sets a javascript: screenshotUrl', () => {
    const op = { type: 'UPDATE_NODE', id: 'login', changes: { uiMetadata: { screenshotUrl: 'javascript:alert(1)' } } };
    expect(flowOperationSchema.safeParse(op).success).toBe(false);
  });

  it('should accept a LINK_FIGMA to a Figma file', () => {
    const op = { type: 'LINK_FIGMA', nodeId: 'login', figmaLink: 'https://www.figma.com/file/AbC123/Login' };
    expect(flowOperationSchema.safeParse(op).success).toBe(true);
  });
});
