import { Breadcrumbs } from '../../../ui/Breadcrumbs'
import { Layout } from '../../../ui/Layout'
import { breadcrumbJsonLd } from '../../../ui/structured-data'
import type { Article } from '../article'
import { ArticleList } from './ArticleList'
import type { ArticleAuthor } from './ArticlePage'

const crumbs = [
  { name: 'Home', path: '/' },
  { name: 'Articles', path: '/articles' },
]

export const ArticleIndexPage = ({ articles, author }: { articles: readonly Article[]; author: ArticleAuthor }) => (
  <Layout
    meta={{
      title: 'Articles',
      description: `Articles by ${author.practitioner.name} on acupuncture, back pain and how treatment works.`,
      path: '/articles',
      jsonLd: [breadcrumbJsonLd(crumbs, author)],
    }}
  >
    <Breadcrumbs crumbs={crumbs} />
    <h1>Articles</h1>
    <ArticleList articles={articles} />
  </Layout>
)
