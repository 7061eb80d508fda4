/**
 * Password hashing with argon2id (memory-hard), via @node-rs/argon2: a maintained native binding
 * shipped prebuilt in the npm package. Parameters follow OWASP's argon2id recommendation
 * (19 MiB, 2 iterations, 1 lane).
 */
import { hash, verify } from "@node-rs/argon2";

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
