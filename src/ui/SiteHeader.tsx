import { usePractice } from './practice'

const links = [
  { href: '/articles', label: 'Articles' },
  { href: '/about', label: 'About' },
  { href: '/contact', label: 'Contact' },
]

const isCurrent = (path: string, href: string) => path === href || path.startsWith(`${href}/`)

export const SiteHeader = ({ path }: { path: string }) => (
  <header class="site-header">
    <a class="brand" href="/" aria-current={path === '/' ? 'page' : undefined}>
      {usePractice().clinicName}
    </a>
    <nav aria-label="Main">
      <ul>
        {links.map((link) => (
          <li>
            <a href={link.href} aria-current={isCurrent(path, link.href) ? 'page' : undefined}>
              {link.label}
            </a>
          </li>
        ))}
        <li>
          <a class="button" href="/book" aria-current={isCurrent(path, '/book') ? 'page' : undefined}>
            Book
          </a>
        </li>
      </ul>
    </nav>
  </header>
)
