import type { Child } from 'hono/jsx'
import { Layout } from './Layout'
import { PhoneLink } from './PhoneLink'

/** A page for an error or a refusal: never indexed, never says more than the visitor needs. */
export const StatusPage = ({ title, path, children }: { title: string; path: string; children: Child }) => (
  <Layout meta={{ title, description: title, path, noindex: true }}>
    <h1>{title}</h1>
    {children}
    <p>
      You can also call us on <PhoneLink />.
    </p>
  </Layout>
)

export const NotFoundPage = ({ path }: { path: string }) => (
  <StatusPage title="Page not found" path={path}>
    <p>There is no page at this address. It may have moved, or the link may have a typo.</p>
    <ul>
      <li>
        <a href="/">Home</a>
      </li>
      <li>
        <a href="/articles">Articles</a>
      </li>
      <li>
        <a href="/book">Book an appointment</a>
      </li>
    </ul>
  </StatusPage>
)

export const ServerErrorPage = ({ path }: { path: string }) => (
  <StatusPage title="Something went wrong" path={path}>
    <p>Sorry, this page could not be shown just now. Please try again in a moment.</p>
  </StatusPage>
)

export const MethodNotAllowedPage = ({ path }: { path: string }) => (
  <StatusPage title="Method not allowed" path={path}>
    <p>This address cannot be used that way.</p>
  </StatusPage>
)
