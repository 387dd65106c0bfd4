import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per article: its working revision (for editors) and its live revision (for search and
 * answers). Rebuilt from the log by the `knowledge.articles` projection.
 */
@Entity({ schema: 'knowledge', name: 'articles' })
@Index(['tenantId', 'generation'])
@Index(['tenantId', 'status'])
@Index(['publishAt'])
export class ArticleView {
  @PrimaryColumn('text')
  tenantId!: string;

  @PrimaryColumn('text')
  articleId!: string;

  @Column('text')
  locale!: string;

  /** The first article of a translation chain; translations share it. */
  @Column('text')
  translationGroup!: string;

  @Column('text', { nullable: true })
  translationOf!: string | null;

  @Column('text')
  origin!: string;

  @Column('text')
  status!: string;

  @Column('integer')
  currentRevision!: number;

  @Column('text')
  title!: string;

  @Column('text')
  category!: string;

  @Column('simple-json')
  tags!: string[];

  @Column('text')
  audience!: string;

  /** The live revision's content: what search, answers and suggestions use. Null until published. */
  @Column('integer', { nullable: true })
  publishedRevision!: number | null;

  @Column('text', { nullable: true })
  liveTitle!: string | null;

  @Column('text', { nullable: true })
  liveBody!: string | null;

  @Column('text', { nullable: true })
  liveCategory!: string | null;

  @Column('simple-json', { nullable: true })
  liveTags!: string[] | null;

  @Column('text', { nullable: true })
  liveAudience!: string | null;

  @Column('integer', { default: 0 })
  helpful!: number;

  @Column('integer', { default: 0 })
  notHelpful!: number;

  @Column('timestamptz', { nullable: true })
  publishAt!: Date | null;

  @Column('timestamptz')
  updatedAt!: Date;

  /** The tenant's search-index generation at this row's last change (search catches up from it). */
  @Column('bigint', { default: 0 })
  generation!: string;
}

/** Every revision's content, so the projection can make any of them live without reading streams. */
@Entity({ schema: 'knowledge', name: 'article_revisions' })
export class ArticleRevisionView {
  @PrimaryColumn('text')
  tenantId!: string;

  @PrimaryColumn('text')
  articleId!: string;

  @PrimaryColumn('integer')
  revision!: number;

  @Column('text')
  title!: string;

  @Column('text')
  body!: string;

  @Column('text')
  category!: string;

  @Column('simple-json')
  tags!: string[];

  @Column('text')
  audience!: string;
}

/** Per tenant, a counter bumped with every change search must see; search indexes compare against it. */
@Entity({ schema: 'knowledge', name: 'index_generations' })
export class IndexGeneration {
  @PrimaryColumn('text')
  tenantId!: string;

  @Column('bigint')
  generation!: string;

  /** Bumped when the read model is rebuilt: search indexes then reload from scratch. */
  @Column('integer', { default: 0 })
  epoch!: number;
}
