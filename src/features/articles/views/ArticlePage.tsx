import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { PracticeConfig } from '../../../config'
import { formatDate } from '../../../platform/dates'
import { BookingCallout } from '../../../ui/BookingCallout'
import { Breadcrumbs } from '../../../ui/Breadcrumbs'
import { Layout } from '../../../ui/Layout'
import { articleJsonLd, breadcrumbJsonLd } from '../../../ui/structured-data'
import type { Article } from '../article'
import { MedicalDisclaimer } from './MedicalDisclaimer'

/** Who wrote the articles, and the site's address their structured data names. */
export type ArticleAuthor = Pick<PracticeConfig, 'siteUrl' | 'practitioner'>

/**
 * `html` is the article body rendered from its Markdown; `banner`, shown above
 * it, marks a preview, which is never indexed.
 */
export const ArticlePage = ({ article, html, author, banner }: { article: Article; html: string; author: ArticleAuthor; banner?: Child }) => {
  const crumbs = [
    { name: 'Home', path: '/' },
    { name: 'Articles', path: '/articles' },
    { name: article.title, path: `/articles/${article.slug}` },
  ]
  return (
    <Layout
      meta={{
        title: article.title,
        description: article.description,
        path: `/articles/${article.slug}`,
        ogType: 'article',
        jsonLd: [articleJsonLd(article, author), breadcrumbJsonLd(crumbs, author)],
        noindex: banner !== undefined,
      }}
    >
      {banner}
      <Breadcrumbs crumbs={crumbs} />
      <article class="prose">
        <header>
          <h1>{article.title}</h1>
          <p class="meta">
            By {author.practitioner.name}, {author.practitioner.credentials} · Published{' '}
            <time datetime={article.published}>{formatDate(article.published)}</time>
            {article.updated ? (
              <>
                {' '}
                · Updated <time datetime={article.updated}>{formatDate(article.updated)}</time>
              </>
            ) : null}{' '}
            · {article.readingMinutes} min read
          </p>
        </header>
        {raw(html)}
        {article.references.length > 0 ? (
          <section id="references" aria-labelledby="references-heading">
            <h2 id="references-heading">References</h2>
            <ol class="references">
              {article.references.map((reference) => (
                <li>
                  {reference.authors.replace(/\.$/, '')}. “{reference.title}.” <cite>{reference.source}</cite>.{' '}
                  <a href={`https://doi.org/${reference.doi}`}>doi:{reference.doi}</a>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <MedicalDisclaimer />
      </article>
      <BookingCallout heading="Book a session" fromSlug={article.slug} />
    </Layout>
  )
}
