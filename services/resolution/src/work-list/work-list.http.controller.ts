import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '@ticketing/platform';
import type { WorkList } from './work-list';
import { WorkListService, type DepartmentTask } from './work-list.service';

@ApiTags('resolution')
@Controller()
export class WorkListHttpController {
  constructor(private readonly workLists: WorkListService) {}

  @Get('work-list')
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: "The caller's work list: assigned to me, waiting on me, overdue (promise passed, tasks overdue, SLA breached)" })
  workList(@CurrentPrincipal() principal: Principal): Promise<WorkList> {
    return this.workLists.workList(principal, new Date());
  }

  @Get('collaboration-tasks')
  @Roles('agent', 'supervisor')
  @ApiQuery({ name: 'department', required: false })
  @ApiOperation({ summary: "A department's open collaboration tasks in the tenant (its queue)" })
  async tasks(@CurrentPrincipal() principal: Principal, @Query('department') department?: string): Promise<{ tasks: DepartmentTask[] }> {
    return { tasks: await this.workLists.departmentTasks(principal.tenantId, department) };
  }
}
