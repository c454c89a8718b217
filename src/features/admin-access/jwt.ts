/** The two functions of jose that Access sign-in uses, loaded by `import()` on the first token: importing the package itself would bundle all of it. */
export { createRemoteJWKSet, jwtVerify } from 'jose'
