import { practice } from '../../config'
import { OpeningHoursList } from './OpeningHoursList'

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
        <a href={`tel:${practice.phone.replace(/\s+/g, '')}`}>{practice.phone}</a>
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
