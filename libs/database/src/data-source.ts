import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '@app/config';
import { dataSourceOptions } from './database-options';

/** Used by the TypeORM CLI: `typeorm migration:run -d dist/libs/database/src/data-source.js`. */
export default new DataSource(dataSourceOptions(loadAppConfig()));
