import { absoluteUrl, fullDayName, type PracticeConfig } from '../config'
import type { Article } from '../features/articles'

type JsonLd = Record<string, unknown>

const clinicId = (config: Pick<PracticeConfig, 'siteUrl'>) => `${absoluteUrl('/', config)}#clinic`

/** The clinic as schema.org MedicalClinic, built from the practice's current settings. */
export function clinicJsonLd(config: PracticeConfig): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalClinic',
    '@id': clinicId(config),
    name: config.clinicName,
    url: absoluteUrl('/', config),
    telephone: config.phone,
    email: config.email,
    medicalSpecialty: 'Acupuncture',
    address: {
      '@type': 'PostalAddress',
      streetAddress: config.address.street,
      addressLocality: config.address.locality,
      addressRegion: config.address.region,
      postalCode: config.address.postalCode,
      addressCountry: config.address.country,
    },
    openingHoursSpecification: config.openingHours.map((hours) => ({
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: hours.days.map(fullDayName),
      opens: hours.opens,
      closes: hours.closes,
    })),
    employee: {
      '@type': 'Person',
      name: config.practitioner.name,
      honorificSuffix: config.practitioner.credentials,
      jobTitle: 'Acupuncturist',
    },
    availableService: config.services.map((service) => ({
      '@type': 'MedicalTherapy',
      name: service.name,
      description: service.description,
    })),
  }
}

/** An article as schema.org MedicalWebPage with its Article main entity. */
export function articleJsonLd(article: Article, config: Pick<PracticeConfig, 'siteUrl' | 'practitioner'>): JsonLd {
  const url = absoluteUrl(`/articles/${article.slug}`, config)
  const author = { '@type': 'Person', name: config.practitioner.name, honorificSuffix: config.practitioner.credentials }
  return {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    '@id': url,
    url,
    name: article.title,
    description: article.description,
    lastReviewed: article.modified,
    reviewedBy: author,
    mainEntity: {
      '@type': 'Article',
      headline: article.title,
      description: article.description,
      datePublished: article.published,
      dateModified: article.modified,
      wordCount: article.wordCount,
      keywords: article.tags.join(', '),
      author,
      publisher: { '@id': clinicId(config) },
      mainEntityOfPage: url,
      citation: article.references.map((reference) => ({
        '@type': 'ScholarlyArticle',
        name: reference.title,
        author: reference.authors,
        isPartOf: reference.source,
        sameAs: `https://doi.org/${reference.doi}`,
      })),
    },
  }
}

export interface Crumb {
  name: string
  path: string
}

export function breadcrumbJsonLd(crumbs: readonly Crumb[], config: Pick<PracticeConfig, 'siteUrl'>): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: absoluteUrl(crumb.path, config),
    })),
  }
}
