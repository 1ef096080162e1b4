import type { AwsError } from './errors';
import type { SandboxResponse } from './s3';
import { escapeXml, renderXml, type XmlNode } from './xml';

// The AWS Query protocol's XML envelopes, shared by STS and IAM: `<ActionResponse>` with an optional
// `<ActionResult>` (IAM's DeleteAccessKey and UpdateAccessKey answer none), and `<ErrorResponse>`.

export function queryResponse(
  namespace: string,
  action: string,
  result: XmlNode | undefined,
  requestId: string,
): SandboxResponse {
  const body =
    `<${action}Response xmlns="${namespace}">\n` +
    (result === undefined ? '' : `  <${action}Result>${renderXml(result)}</${action}Result>\n`) +
    `  <ResponseMetadata>\n    <RequestId>${requestId}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

export function queryError(namespace: string, error: AwsError, requestId: string): SandboxResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${namespace}">\n  <Error>\n    <Type>${type}</Type>\n` +
    `    <Code>${escapeXml(error.code)}</Code>\n    <Message>${escapeXml(error.message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body,
  };
}
