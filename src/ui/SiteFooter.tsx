import { OpeningHoursList } from './OpeningHoursList'
import { PhoneLink } from './PhoneLink'
import { usePractice } from './practice'

export const SiteFooter = () => {
  const settings = usePractice()
  return (
    <footer class="site-footer">
      <div>
        <p>
          <strong>{settings.clinicName}</strong>
        </p>
        <address>
          {settings.address.street}
          <br />
          {settings.address.locality}, {settings.address.region} {settings.address.postalCode}
          <br />
          <PhoneLink />
          <br />
          <a href={`mailto:${settings.email}`}>{settings.email}</a>
        </address>
      </div>
      <div>
        <p>
          <strong>Opening hours</strong>
        </p>
        <OpeningHoursList />
      </div>
      <nav aria-label="Footer">
        <ul>
          <li>
            <a href="/privacy">Privacy</a>
          </li>
          <li>
            <a href="/feed.xml">Articles feed</a>
          </li>
          <li>
            <a href="/sitemap.xml">Sitemap</a>
          </li>
        </ul>
      </nav>
    </footer>
  )
}
