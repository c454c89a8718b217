import { practice } from '../../config'
import { OpeningHoursList } from './OpeningHoursList'
import { PhoneLink } from './PhoneLink'

export const SiteFooter = () => (
  <footer class="site-footer">
    <div>
      <p>
        <strong>{practice.clinicName}</strong>
      </p>
      <address>
        {practice.address.street}
        <br />
        {practice.address.locality}, {practice.address.region} {practice.address.postalCode}
        <br />
        <PhoneLink />
        <br />
        <a href={`mailto:${practice.email}`}>{practice.email}</a>
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
        <li><a href="/privacy">Privacy</a></li>
        <li><a href="/feed.xml">Articles feed</a></li>
        <li><a href="/sitemap.xml">Sitemap</a></li>
      </ul>
    </nav>
  </footer>
)
