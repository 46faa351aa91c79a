/**
 * S3 listings shared by the S3 tools: ListObjectsV2 paged up to a limit.
 */
import { ListObjectsV2Command, type _Object } from "@aws-sdk/client-s3";
import type { AwsClients } from "../aws-clients.js";

export async function listAll(clients: AwsClients, bucket: string, prefix: string): Promise<_Object[]> {
  return (await listUpTo(clients, bucket, prefix, Number.POSITIVE_INFINITY)).objects;
}

export async function listUpTo(
  clients: AwsClients,
  bucket: string,
  prefix: string,
  maxKeys: number,
): Promise<{ objects: _Object[]; truncated: boolean }> {
  const objects: _Object[] = [];
  let token: string | undefined;
  do {
    const page = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
    );
    objects.push(...(page.Contents ?? []));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token && objects.length < maxKeys);
  return { objects, truncated: token !== undefined };
}
