// `npm run admin:hash`: prints the ADMIN_PASSWORD_HASH secret for a password read from stdin.
import { createInterface } from 'node:readline/promises'
import { checkNewPassword, hashPassword } from '../password.ts'

const input = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY })
const password = (await input.question('Password for the practitioner inbox: ')).trim()
input.close()
const problem = checkNewPassword(password)
if (problem) {
  console.error(problem)
  process.exit(1)
}
console.log(await hashPassword(password))
