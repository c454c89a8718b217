import { formatDate } from '../../../platform/dates'
import type { Article } from '../article'

export const ArticleList = ({ articles, headingLevel = 2 }: { articles: readonly Article[]; headingLevel?: 2 | 3 }) => {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  return (
    <ul class="article-list">
      {articles.map((article) => (
        <li>
          <article>
            <Heading>
              <a href={`/articles/${article.slug}`}>{article.title}</a>
            </Heading>
            <p class="meta">
              <time datetime={article.published}>{formatDate(article.published)}</time> · {article.readingMinutes} min read
            </p>
            <p>{article.description}</p>
          </article>
        </li>
      ))}
    </ul>
  )
}
