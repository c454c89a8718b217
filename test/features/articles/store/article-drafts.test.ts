import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createArticle, writeArticleRevision } from '../../../../src/features/articles/store/article-drafts'
import { articleRedirects, articleRevisions, articles } from '../../../../src/features/articles/store/schema'
import { createDb } from '../../../../src/platform/database'

const db = () => createDb(env.DB)
const now = new Date(Date.UTC(2026, 10, 2, 12))
const text = (slug: string, body = 'Text.\n') => ({
  title: 'A title',
  slug,
  description: 'A description long enough to pass the minimum length of fifty characters.',
  tags: ['tag'],
  references: [],
  body,
})
const rendered = (html: string) => ({ renderedHtml: html, rendererVersion: 1 })
const uniqueSlug = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}`

describe('writing a revision', () => {
  it('writes nothing from a stale revision, not even the redirect of a slug change', async () => {
    const slug = uniqueSlug('guarded')
    const id = await createArticle(db(), { article: text(slug), rendered: rendered('<p>Text.</p>'), author: 'practitioner', now })
    await db().update(articles).set({ state: 'published', firstPublishedAt: now }).where(eq(articles.id, id))
    const opened = { id, revision: 1, slug, state: 'published' as const, firstPublishedAt: now }
    expect(
      await writeArticleRevision(db(), {
        article: opened,
        text: text(slug, 'Theirs.\n'),
        rendered: rendered('<p>Theirs.</p>'),
        author: 'tab one',
        action: 'saved',
        now,
      }),
    ).toBe(true)
    const stale = await writeArticleRevision(db(), {
      article: opened,
      text: text(uniqueSlug('mine'), 'Mine.\n'),
      rendered: rendered('<p>Mine.</p>'),
      author: 'tab two',
      action: 'saved',
      now,
    })
    expect(stale).toBe(false)
    expect((await db().select().from(articles).where(eq(articles.id, id)))[0]).toMatchObject({
      slug,
      body: 'Theirs.\n',
      renderedHtml: '<p>Theirs.</p>',
      revision: 2,
    })
    expect((await db().select().from(articleRevisions).where(eq(articleRevisions.articleId, id))).map((row) => row.author)).toEqual(['practitioner', 'tab one'])
    expect(await db().select().from(articleRedirects).where(eq(articleRedirects.articleId, id))).toEqual([])
  })
})
